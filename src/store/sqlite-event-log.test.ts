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
