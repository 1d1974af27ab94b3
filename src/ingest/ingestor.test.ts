import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ingestor } from './ingestor.js';
import { KeyedHasher } from './keyed-hasher.js';
import { SqliteEventLog } from '../store/index.js';
import { application, allTypes } from '../../test/support/sample-events.js';
import { RiskError } from '../core/index.js';

function setup() {
  const log = new SqliteEventLog(':memory:');
  return { log, ingestor: new Ingestor(log, new KeyedHasher('test-secret-0123456789abcdef')) };
}

test('a re-sent event is acknowledged as a duplicate, not appended twice', async () => {
  const { log, ingestor } = setup();
  const first = await ingestor.ingestRecords('t1', allTypes());
  assert.equal(first.appended, allTypes().length);
  const again = await ingestor.ingestRecords('t1', allTypes());
  assert.equal(again.appended, 0);
  assert.equal(again.duplicates, allTypes().length);
  assert.equal(await log.count(), allTypes().length);
});

test('duplicates inside one batch are appended once', async () => {
  const { log, ingestor } = setup();
  const result = await ingestor.ingestRecords('t1', [application(1), application(1), application(2)]);
  assert.equal(result.appended, 2);
  assert.equal(result.duplicates, 1);
  assert.equal(await log.count(), 2);
});

test('the same event id in two tenants is two events', async () => {
  const { log, ingestor } = setup();
  await ingestor.ingestRecords('bank-a', [application(1)]);
  await ingestor.ingestRecords('bank-b', [application(1)]);
  assert.equal(await log.count('bank-a'), 1);
  assert.equal(await log.count('bank-b'), 1);
});

test('partial mode keeps every valid record and reports each bad one by index', async () => {
  const { log, ingestor } = setup();
  const batch = [application(1), { id: 'x', type: 'nope', time: '2025-01-01T00:00:00Z', data: {} }, application(2), 42];
  const result = await ingestor.ingestRecords('t1', batch);
  assert.equal(result.received, 4);
  assert.equal(result.appended, 2);
  assert.deepEqual(result.rejected.map((p) => [p.index, p.code]), [[1, 'INGEST_TYPE_UNKNOWN'], [3, 'INGEST_EVENT_INVALID']]);
  assert.equal(await log.count(), 2);
});

test('atomic mode appends nothing when any record is bad', async () => {
  const { log, ingestor } = setup();
  const result = await ingestor.ingestRecords('t1', [application(1), application(2, { time: 'soon' })], { atomic: true });
  assert.equal(result.appended, 0);
  assert.equal(result.rejected[0].code, 'INGEST_TIME_INVALID');
  assert.equal(await log.count(), 0);
});

test('NDJSON: blank lines are ignored, a malformed line is rejected at its index, the rest kept', async () => {
  const { log, ingestor } = setup();
  const text = [JSON.stringify(application(1)), '', '{"id": "broken"', JSON.stringify(application(2)), ''].join('\n');
  const result = await ingestor.ingestNdjson('t1', text);
  assert.equal(result.received, 3);
  assert.equal(result.appended, 2);
  assert.deepEqual(result.rejected.map((p) => [p.index, p.code, p.path]), [[1, 'INGEST_JSON_MALFORMED', '$']]);
  assert.equal(await log.count(), 2);
});

test('stored events carry hashes, never the raw identifiers', async () => {
  const { log, ingestor } = setup();
  await ingestor.ingestRecords('t1', [application(1)]);
  for await (const stored of log.read(0)) {
    const text = JSON.stringify(stored.event);
    assert.ok(!text.includes('13800001001'));
    assert.ok(!text.includes('110101199003071001'));
    assert.ok(text.includes('h:'));
  }
});

test('subscribers see each appended event once, in offset order, after it is durable', async () => {
  const { log, ingestor } = setup();
  const seen: number[] = [];
  ingestor.subscribe((_tenant, events) => {
    for (const e of events) seen.push(e.offset);
  });
  await ingestor.ingestRecords('t1', [application(1), application(2)]);
  await ingestor.ingestRecords('t1', [application(2), application(3)]);
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(await log.head(), 3);
});

test('an oversized batch is refused with a code before anything is appended', async () => {
  const { log, ingestor } = setup();
  const huge = new Array(50_001).fill(application(1));
  await assert.rejects(ingestor.ingestRecords('t1', huge), (e: unknown) => e instanceof RiskError && e.code === 'INGEST_BATCH_TOO_LARGE');
  assert.equal(await log.count(), 0);
});

test('appendsInFlight counts appends handed to the log until they are acknowledged, the last listener called sees none in flight, a failed append is not counted after it fails', async () => {
  const { log, ingestor } = setup();
  const seenByListener: number[] = [];
  ingestor.subscribe(() => seenByListener.push(ingestor.appendsInFlight));
  const first = ingestor.ingestRecords('t1', [application(1)]);
  const second = ingestor.ingestRecords('t1', [application(2)]);
  assert.equal(ingestor.appendsInFlight, 2);
  await Promise.all([first, second]);
  assert.equal(ingestor.appendsInFlight, 0);
  assert.ok(seenByListener.length === 2 && seenByListener[1] === 0, String(seenByListener));
  await log.close();
  await assert.rejects(ingestor.ingestRecords('t1', [application(3)]));
  assert.equal(ingestor.appendsInFlight, 0);
});
