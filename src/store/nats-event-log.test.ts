// The JetStream event log against the real server on 127.0.0.1:4222 (as in CI): the same appends give the same
// offsets, duplicates and reads as the SQLite log, so either can sit behind the EventLog interface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'nats';
import { NatsEventLog } from './nats-event-log.js';
import { SqliteEventLog } from './sqlite-event-log.js';
import type { EventLog, ReadOptions, StoredEvent } from './event-log.js';
import { encodeEvent } from './event-record.js';

const rec = (id: string, type = 'login', time = '2025-01-01T00:00:00.000Z') => encodeEvent({ id, type, time, data: { n: id } });

async function collect(log: EventLog, after: number, options?: ReadOptions): Promise<[number, string, number, string, string][]> {
  const out: [number, string, number, string, string][] = [];
  for await (const e of log.read(after, options) as AsyncIterable<StoredEvent>) out.push([e.offset, e.tenant, e.time, e.event.type, e.event.id]);
  return out;
}

test('JetStream and SQLite logs agree on offsets, duplicates, reads, head and counts for the same appends', async () => {
  const nc = await connect({ servers: '127.0.0.1:4222' });
  const run = `${process.pid}-${Date.now()}`;
  const stream = `ARGUS_TEST_${run.replace(/-/g, '_')}`;
  try {
    const nats = await NatsEventLog.open(nc, { stream, subjectPrefix: `argus-test.${run}` });
    const sqlite = new SqliteEventLog(':memory:');
    // Ids no subject could hold as they are; a re-sent id in a later batch and twice inside one batch; the same id
    // under another tenant is another event.
    const batches: [string, ReturnType<typeof rec>[]][] = [
      ['bank-a', [rec('e.1'), rec('e 2', 'repayment.made', '2025-01-02T00:00:00.000Z'), rec('申请-3'), rec('>*')]],
      ['bank-b', [rec('e.1'), rec('b2', 'application.submitted')]],
      ['bank-a', [rec('e.1'), rec('n1'), rec('n1'), rec('n2', 'repayment.made')]],
      ['', [rec('empty-tenant')]],
    ];
    for (const [tenant, records] of batches) {
      const [a, b] = await Promise.all([nats.append(tenant, records), sqlite.append(tenant, records)]);
      assert.deepEqual(a, b, `append to ${JSON.stringify(tenant)}`);
    }
    assert.equal(await nats.head(), 9);
    assert.equal(await nats.head(), await sqlite.head());
    for (const tenant of [undefined, 'bank-a', 'bank-b', '', 'nobody']) assert.equal(await nats.count(tenant), await sqlite.count(tenant), `count ${tenant}`);
    const reads: [number, ReadOptions?][] = [
      [0], [0, { pageSize: 3 }], [4], [0, { tenant: 'bank-a' }], [0, { tenant: 'bank-b' }], [0, { tenant: '' }], [0, { tenant: 'nobody' }],
      [0, { types: ['repayment.made'] }], [0, { tenant: 'bank-a', toOffset: 4 }], [10],
    ];
    for (const [after, options] of reads) {
      assert.deepEqual(await collect(nats, after, options), await collect(sqlite, after, options), `read after ${after} ${JSON.stringify(options)}`);
    }
    assert.deepEqual((await collect(nats, 0)).map((e) => e[4]), ['e.1', 'e 2', '申请-3', '>*', 'e.1', 'b2', 'n1', 'n2', 'empty-tenant']);
    await nats.close();
    await sqlite.close();
  } finally {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
});

test('JetStream idempotency is permanent: a log reopened on the stream still refuses an id it holds', async () => {
  const run = `${process.pid}-${Date.now()}-reopen`;
  const stream = `ARGUS_TEST_${run.replace(/-/g, '_')}`;
  const options = { stream, subjectPrefix: `argus-test.${run}` };
  const first = await connect({ servers: '127.0.0.1:4222' });
  try {
    const log = await NatsEventLog.open(first, options);
    assert.deepEqual((await log.append('t', [rec('a'), rec('b')])).offsets, [1, 2]);
    await log.close();
    const second = await connect({ servers: '127.0.0.1:4222' });
    try {
      const reopened = await NatsEventLog.open(second, options);
      const again = await reopened.append('t', [rec('b'), rec('c')]);
      assert.deepEqual(again.offsets, [null, 3]);
      assert.deepEqual((await collect(reopened, 0)).map((e) => e[4]), ['a', 'b', 'c']);
    } finally {
      await second.close();
    }
  } finally {
    const jsm = await first.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => undefined);
    await first.close();
  }
});
