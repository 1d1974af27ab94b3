import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { application } from '../../test/support/sample-events.js';
import { openGraphEngine } from './graph-wiring.js';

const T = 'default';

test('processes sharing a data folder recompute the graph batch where the log says one of them did, and record it once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-shared-'));
  const clock = new FixedClock('2025-03-01T00:00:00Z');
  const hasher = new KeyedHasher('graph-shared-secret-0123456789');
  const logs = [new SqliteEventLog(join(dir, 'events.db')), new SqliteEventLog(join(dir, 'events.db'))];
  const ingestors = logs.map((log) => new Ingestor(log, hasher));
  const [writer, other] = [true, false].map((writesSnapshots, i) =>
    openGraphEngine({ dataDir: dir, clock, hasher, eventLog: logs[i], ingestor: ingestors[i], shared: { writesSnapshots }, recomputeMinutes: 0 }));
  // What followSharedLog does: each process applies the log in offset order.
  const follow = () => {
    for (const p of [writer, other]) for (const stored of logs[0].readSync(p.follower.offset())) p.follower.apply(stored);
  };
  const markers = () => [...logs[0].readSync(0, { types: ['graph.recomputed'] })].length;
  try {
    // Applicants who all list the same contacts and employer: one connected graph.
    const apps = Array.from({ length: 40 }, (_, i) => application(i + 1));
    assert.equal((await ingestors[0].ingestRecords(T, apps.slice(0, 20))).appended, 20);
    assert.equal((await ingestors[1].ingestRecords(T, apps.slice(20))).appended, 20);
    follow();
    writer.engine.recompute(T);
    for (let i = 0; i < 100 && markers() === 0; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(markers(), 1, 'the recompute is in the log');
    assert.equal(other.engine.stats(T).batch, null, 'the other process has no batch yet');
    follow();
    const [a, b] = [writer, other].map((p) => p.engine.stats(T).batch!);
    assert.ok(b !== null && b.nodeCount > 0, 'the other process recomputed on reading the event');
    assert.deepEqual({ nodes: b.nodeCount, communities: b.communities, modularity: b.modularity, components: b.components },
      { nodes: a.nodeCount, communities: a.communities, modularity: a.modularity, components: a.components });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(markers(), 1, 'following a recompute records nothing, and the writer does not redo its own');
  } finally {
    await writer.close();
    await other.close();
    for (const log of logs) await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
