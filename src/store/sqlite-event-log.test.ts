import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventLog } from './sqlite-event-log.js';
import type { StoredEvent } from './event-log.js';
import { encodeEvent } from './event-record.js';

const rec = (id: string, type = 'login', time = '2025-01-01T00:00:00.000Z') => encodeEvent({ id, type, time, data: { n: id } });

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

test('reads back in append order from any offset, across pages', async () => {
  const log = new SqliteEventLog(':memory:');
  const records = Array.from({ length: 25 }, (_, i) => rec(`e${i}`));
  await log.append('t', records);
  const all = await collect(log.read(0, { pageSize: 7 }));
  assert.deepEqual(all.map((e) => e.event.id), records.map((r) => r.id));
  assert.deepEqual(all.map((e) => e.offset), Array.from({ length: 25 }, (_, i) => i + 1));
  const tail = await collect(log.read(20));
  assert.deepEqual(tail.map((e) => e.offset), [21, 22, 23, 24, 25]);
  const upTo = await collect(log.read(0, { toOffset: 3 }));
  assert.equal(upTo.length, 3);
});

test('filters by tenant and type; a tenant never reads another tenant\'s events', async () => {
  const log = new SqliteEventLog(':memory:');
  await log.append('a', [rec('1', 'login'), rec('2', 'loan.booked')]);
  await log.append('b', [rec('3', 'login')]);
  assert.deepEqual((await collect(log.read(0, { tenant: 'a' }))).map((e) => e.event.id), ['1', '2']);
  assert.deepEqual((await collect(log.read(0, { tenant: 'a', types: ['login'] }))).map((e) => e.event.id), ['1']);
  assert.deepEqual((await collect(log.read(0, { tenant: 'b' }))).map((e) => e.event.id), ['3']);
});

test('events and offsets survive closing and reopening the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-log-'));
  try {
    const path = join(dir, 'events.db');
    const first = new SqliteEventLog(path);
    await first.append('t', [rec('1'), rec('2')]);
    await first.close();
    const second = new SqliteEventLog(path);
    const outcome = await second.append('t', [rec('2'), rec('3')]);
    assert.deepEqual(outcome.offsets, [null, 3]);
    assert.equal(await second.head(), 3);
    assert.equal((await collect(second.read(0))).length, 3);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unopenable path gives a coded error', () => {
  assert.throws(() => new SqliteEventLog('/etc/hostname/argus/events.db'), (e: unknown) => (e as { code?: string }).code === 'STORE_LOG_UNAVAILABLE');
});

test('concurrent appends are committed together, in call order, durable and idempotent across groups', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-log-'));
  try {
    const path = join(dir, 'events.db');
    const log = new SqliteEventLog(path);
    // Appends made in one turn of the event loop share a commit; the ones made while it is written form the next.
    const append = (i: number) => log.append(i % 2 ? 'a' : 'b', [rec(`e${i}`)]);
    const first = Array.from({ length: 100 }, (_, i) => append(i));
    await new Promise((resolve) => setImmediate(resolve));
    const second = Array.from({ length: 100 }, (_, i) => append(100 + i));
    const outcomes = await Promise.all([...first, ...second]);
    assert.equal(log.commits, 2);
    const offsets = outcomes.map((o) => o.offsets[0]);
    assert.deepEqual(offsets, Array.from({ length: 200 }, (_, i) => i + 1));
    // Re-sent ids (in a later group, and twice inside one group) are duplicates; new ones get the next offsets.
    const again = await Promise.all([log.append('a', [rec('e1'), rec('n1')]), log.append('b', [rec('e0'), rec('n1')]), log.append('a', [rec('n1')])]);
    assert.deepEqual(again.map((o) => o.offsets), [[null, 201], [null, 202], [null]]);
    assert.deepEqual(again.map((o) => o.duplicates), [1, 1, 1]);
    await log.close();
    const reopened = new SqliteEventLog(path);
    const all = await collect(reopened.read(0));
    assert.equal(all.length, 202);
    assert.deepEqual(all.slice(0, 200).map((e) => [e.event.id, e.tenant]), Array.from({ length: 200 }, (_, i) => [`e${i}`, i % 2 ? 'a' : 'b']));
    await reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reads on the reading connection see every append as soon as it resolves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-log-'));
  try {
    const log = new SqliteEventLog(join(dir, 'events.db'));
    for (let i = 0; i < 5; i++) {
      const { offsets } = await log.append('t', [rec(`r${i}`)]);
      assert.equal(await log.head(), offsets[0]);
      assert.deepEqual([...log.readSync(offsets[0]! - 1)].map((e) => e.event.id), [`r${i}`]);
    }
    await log.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
