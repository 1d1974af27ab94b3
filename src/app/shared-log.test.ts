import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppendListener, Ingestor } from '../ingest/index.js';
import type { StoredEvent } from '../store/index.js';
import { FOLLOW_EVERY_MS, followSharedLog, type LogFollower } from './shared-log.js';

const event = (offset: number): StoredEvent => ({
  offset, tenant: 't', time: Date.parse('2025-01-01T00:00:00Z') + offset,
  event: { id: `e${offset}`, type: 'login', time: new Date(Date.parse('2025-01-01T00:00:00Z') + offset).toISOString(), data: {} },
} as unknown as StoredEvent);

test('a process sharing the log applies it in offset order: its own appends directly when they follow on, the log when another process appended in between', () => {
  const log: StoredEvent[] = [];
  let reads = 0;
  let listener: AppendListener = () => {};
  const ingestor = { appendsInFlight: 0, subscribe: (l: AppendListener) => ((listener = l), () => {}) } as unknown as Ingestor;
  const engines = [0, 1].map(() => {
    const applied: number[] = [];
    const follower: LogFollower = { offset: () => applied.at(-1) ?? 0, apply: (s) => applied.push(s.offset) };
    return { applied, follower };
  });
  const following = followSharedLog({
    ingestor,
    log: { readSync: (after) => (reads++, log.filter((s) => s.offset > after)) },
    followers: engines.map((e) => e.follower),
    syncSpecs: () => {},
  });
  const appendOwn = (...offsets: number[]) => {
    for (const o of offsets) log.push(event(o));
    listener('t', offsets.map((o) => ({ offset: o, event: event(o).event as never })));
  };
  appendOwn(1, 2);
  assert.equal(reads, 0, 'own appends that follow on are not read back');
  log.push(event(3), event(4)); // another process's
  appendOwn(5);
  assert.equal(reads, 1, 'a gap before its own append: the log is read');
  appendOwn(6);
  for (const e of engines) assert.deepEqual(e.applied, [1, 2, 3, 4, 5, 6]);
  assert.equal(reads, 1);
  following.stop();
});

test('while an own append is unacknowledged the timer does not read the log (it would read the append back); once none is, it reads what other processes appended', async () => {
  const log: StoredEvent[] = [event(1), event(2)]; // another process's
  let reads = 0;
  const ingestor = { appendsInFlight: 1, subscribe: () => () => {} };
  const applied: number[] = [];
  const following = followSharedLog({
    ingestor: ingestor as unknown as Ingestor,
    log: { readSync: (after) => (reads++, log.filter((s) => s.offset > after)) },
    followers: [{ offset: () => applied.at(-1) ?? 0, apply: (s) => applied.push(s.offset) }],
    syncSpecs: () => {},
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS * 5));
    assert.equal(reads, 0);
    assert.deepEqual(applied, []);
    ingestor.appendsInFlight = 0;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS * 5));
    assert.ok(reads > 0);
    assert.deepEqual(applied, [1, 2]);
  } finally {
    following.stop();
  }
});
