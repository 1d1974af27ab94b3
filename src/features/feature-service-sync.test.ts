// Two processes sharing one data folder (argus serve --workers N) share the feature set specs: what one creates,
// changes or deletes, the other picks up through syncStored — once, not at every look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../core/index.js';
import type { StoredEvent } from '../store/index.js';
import { FeatureEngine } from './feature-engine.js';
import { FeatureService } from './feature-service.js';
import { FileSpecRepository } from './file-spec-repository.js';

const clock = new FixedClock('2025-03-01T12:00:00Z');
const login = (offset: number): StoredEvent => ({
  offset, tenant: 't', id: `e${offset}`, type: 'login', time: Date.parse('2025-03-01T11:00:00Z') + offset,
  event: { id: `e${offset}`, type: 'login', time: new Date(Date.parse('2025-03-01T11:00:00Z') + offset).toISOString(), data: { fingerprint: 'dev-1', ip: '10.0.0.1', idNumber: 'h:abcdefghijkl', phone: 'h:mnopqrstuvwx' } },
} as unknown as StoredEvent);

function worker(dir: string, log: StoredEvent[]) {
  const engine = new FeatureEngine({ clock, sets: [] });
  const service = new FeatureService({ engine, repository: new FileSpecRepository(dir), clock, history: () => log });
  service.installStored();
  for (const stored of log) engine.applyStored(stored);
  return { engine, service };
}

const spec = (window: string) => ({
  name: 'shared', description: 'a set two workers share',
  features: [{ name: 'device.logins', entity: 'device', events: ['login'], aggregation: 'count', window }],
});

test('a feature set created, changed or deleted by one worker is picked up by the other, once each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-specs-'));
  const log = [login(1), login(2), login(3)];
  const a = worker(dir, log);
  const b = worker(dir, log);
  a.service.createSet('t', spec('1d'));
  assert.equal(a.service.syncStored(), 0, 'the worker that created it has it already');
  assert.equal(b.service.syncStored(), 1);
  assert.equal(b.service.syncStored(), 0, 'not rebuilt at every look');
  assert.equal(b.engine.valuesForKey('t', 'device', 'dev-1', clock.now()).values['device.logins'], 3, 'built from the log');

  a.service.updateSet('t', 'shared', spec('10m'));
  assert.equal(b.service.syncStored(), 1, 'a new version is installed');
  assert.equal(b.engine.tenantSets('t')[0].spec.features[0].window, '10m');

  a.service.deleteSet('t', 'shared');
  assert.equal(b.service.syncStored(), 1);
  assert.deepEqual(b.engine.tenantSets('t'), []);
  assert.equal(b.service.syncStored(), 0);
  rmSync(dir, { recursive: true, force: true });
});
