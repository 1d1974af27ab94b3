import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRiskError } from '../core/index.js';
import { validateEvent } from '../ingest/index.js';
import { generateWorld, simulateToFiles, type ApplicantTruth } from './index.js';

function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'argus-simulate-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('the same seed writes byte-identical files; another seed writes a different world', () =>
  withTempDir(async (dir) => {
    const a = await simulateToFiles({ applicants: 1500, seed: 42 }, join(dir, 'a'));
    const b = await simulateToFiles({ applicants: 1500, seed: 42 }, join(dir, 'b'));
    const c = await simulateToFiles({ applicants: 1500, seed: 43 }, join(dir, 'c'));
    const read = (sub: string, file: string) => readFileSync(join(dir, sub, file));
    assert.ok(read('a', 'events.ndjson').equals(read('b', 'events.ndjson')));
    assert.ok(read('a', 'truth.ndjson').equals(read('b', 'truth.ndjson')));
    assert.ok(!read('a', 'events.ndjson').equals(read('c', 'events.ndjson')));
    assert.equal(a.events, b.events);
    assert.deepEqual(a.eventsByType, b.eventsByType);
    assert.notEqual(a.events, c.events);
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    assert.equal(summary.events, a.events);
    assert.equal(summary.files.events, join(dir, 'a', 'events.ndjson'));
  }));

test('every event validates against the ingest schemas, ids are unique and the stream is ordered by time', () => {
  const ids = new Set<string>();
  const truths: ApplicantTruth[] = [];
  const applications = new Set<string>();
  const byType: Record<string, number> = {};
  let last = '';
  let index = 0;
  for (const item of generateWorld({ applicants: 2500, seed: 'validate', months: 12 })) {
    if (item.kind === 'truth') {
      truths.push(item.truth);
      continue;
    }
    const result = validateEvent(JSON.parse(JSON.stringify(item.event)), index++);
    assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problem));
    const e = item.event;
    assert.ok(e.time >= last, `event ${e.id} at ${e.time} comes after ${last}`);
    last = e.time;
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    if (e.type === 'application.submitted') applications.add(e.data.applicationId);
  }
  assert.ok(last < '2026-01-01T00:00:00.000Z', 'nothing happens after the world ends');
  for (const type of ['application.submitted', 'device.seen', 'login', 'loan.booked', 'instalment.due', 'repayment.made', 'loan.closed', 'collection.call', 'list.changed']) {
    assert.ok((byType[type] ?? 0) > 0, `no ${type} events`);
  }
  assert.equal(truths.length, 2500);
  assert.equal(new Set(truths.map((t) => t.index)).size, 2500);
  assert.equal(new Set(truths.map((t) => t.idNumber)).size, 2500, 'resident ID numbers are unique per applicant');
  for (const t of truths) for (const id of t.applicationIds) assert.ok(applications.has(id), `truth names unknown application ${id}`);
  assert.equal(applications.size, truths.reduce((n, t) => n + t.applicationIds.length, 0));
});

test('generateWorld is re-iterable and yields the same world each time', () => {
  const world = generateWorld({ applicants: 200, seed: 5 });
  const first = JSON.stringify([...world]);
  assert.equal(JSON.stringify([...world]), first);
});

test('invalid options are rejected with SIMULATE_OPTIONS_INVALID, listing every problem', () => {
  try {
    generateWorld({ applicants: 0, seed: 1, months: 0, start: 'yesterday' });
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(isRiskError(err));
    assert.equal(err.code, 'SIMULATE_OPTIONS_INVALID');
    assert.equal((err.details.problems as string[]).length, 3);
  }
});
