// The must-show consistency test: on a simulated world fed through the real ingest path (validation, keyed hashing,
// SQLite log, live subscription), the feature values the online reader gives for every application just before it
// is appended equal the point-in-time backfill's values for that application — across a snapshot and restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FixedClock } from '../core/index.js';
import { Ingestor, KeyedHasher, PiiRedactor, type ArgusEvent } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { generateWorld } from '../simulate/index.js';
import { FeatureEngine } from './feature-engine.js';
import { FeatureFollower } from './live-follower.js';
import { backfillFeatures } from './point-in-time-backfill.js';
import { EXERCISE_SPEC } from './testing/random-stream.js';
import { loadDemoFeatureSet } from './demo/demo-feature-set.js';
import type { FeatureValues } from './feature-spec.js';

const SECRET = 'online-backfill-test-secret';

test('online values equal point-in-time backfill for every application of a simulated world, across a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-features-'));
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher(SECRET);
  const ingestor = new Ingestor(log, hasher);
  const redactor = new PiiRedactor(hasher);
  const sets = [EXERCISE_SPEC, loadDemoFeatureSet()];
  const names = sets.flatMap((s) => s.features.map((f) => f.name));
  const snapshotPath = join(dir, 'features.snapshot');
  const start = () => {
    const engine = new FeatureEngine({ clock: new FixedClock(0), sets });
    const follower = new FeatureFollower({ engine, log, subscribe: (l) => ingestor.subscribe(l), snapshotPath });
    return { engine, follower, summary: follower.start() };
  };
  let { engine, follower } = start();
  const online = new Map<string, FeatureValues>();
  const world = [...generateWorld({ applicants: 600, seed: 11, months: 9 })].flatMap((i) => (i.kind === 'event' ? [i.event] : []));
  // A bot logging in from one device and network between the world's events, so some keys are busy (bucketed).
  const events: ArgusEvent[] = world.flatMap((e, k) => k % 10 !== 0 ? [e] : [e, {
    id: `bot-${k}`, type: 'login', time: e.time,
    data: { fingerprint: 'bot-device', ip: '198.51.100.7', idNumber: `BOT${k % 7}`, phone: '13900000000' },
  } as ArgusEvent]);
  const restartAt = Math.floor(events.length / 2);
  let pending: ArgusEvent[] = [];
  const flush = async () => {
    if (pending.length > 0) await ingestor.ingestRecords('t1', pending);
    pending = [];
  };
  for (let i = 0; i < events.length; i++) {
    const raw = events[i];
    if (i === restartAt) {
      await flush();
      let bucketed = 0;
      for (const slot of engine.tenant('t1').slots.values()) {
        for (const map of slot.access.maps) for (const state of map.values()) if (state.streams.some((s) => s?.bucketed)) bucketed++;
      }
      assert.ok(bucketed > 0, 'busy keys are in bucketed form when the snapshot is written');
      follower.close();
      const restarted = start();
      assert.equal(restarted.summary.replayed, 0, 'the snapshot covers the whole log: nothing to replay');
      assert.ok(restarted.summary.restoredKeys > 0);
      ({ engine, follower } = restarted);
    }
    if (raw.type === 'application.submitted') {
      await flush();
      const hashed = redactor.redact(structuredClone(raw));
      online.set(raw.id, await engine.read('t1', hashed, names));
    }
    pending.push(structuredClone(raw));
  }
  await flush();
  follower.close();

  let compared = 0;
  for (const set of sets) {
    backfillFeatures({
      set,
      events: log.readSync(0),
      tenant: 't1',
      onRow: (row) => {
        const want = online.get(row.event.id)!;
        const got: FeatureValues = {};
        row.values.forEach((v, k) => (got[set.features[k].name] = v));
        for (const [name, value] of Object.entries(got)) assert.equal(value, want[name], `${row.event.id} ${name}`);
        compared++;
      },
    });
  }
  assert.equal(compared, online.size * sets.length);
  // Tenants are separate state spaces: the same application read for another tenant sees none of t1's history.
  const lastApp = redactor.redact(structuredClone(events.filter((e) => e.type === 'application.submitted').at(-1)!));
  const probe = ['phone.days_since_first_seen', 'applicant.days_since_first_seen'];
  const mine = await engine.read('t1', lastApp, probe);
  assert.ok(probe.some((n) => mine[n] !== null), 't1 knows this applicant');
  assert.deepEqual(await engine.read('t2', lastApp, probe), { 'phone.days_since_first_seen': null, 'applicant.days_since_first_seen': null });
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});
