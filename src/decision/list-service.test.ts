import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock, Random } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog, type ArgusEventRecord } from '../store/index.js';
import { application } from '../../test/support/sample-events.js';
import { runBacktest } from './backtest/backtest-runner.js';
import { PointInTimeLists } from './backtest/point-in-time-lists.js';
import { ListService } from './list-service.js';
import { openDecisionDatabase } from './store/decision-database.js';
import { SqliteListStore } from './store/sqlite-list-store.js';
import { mustCompile } from './testing/flow-harness.js';

const T = 'acme';

function setup() {
  const clock = new FixedClock('2025-02-01T00:00:00Z');
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const ingestor = new Ingestor(log, hasher);
  const store = new SqliteListStore(openDecisionDatabase(':memory:'), clock);
  return { clock, log, hasher, ingestor, store, lists: new ListService(store, hasher, clock, new Random(1), ingestor) };
}

async function logged(log: SqliteEventLog): Promise<ArgusEventRecord[]> {
  const events: ArgusEventRecord[] = [];
  for await (const stored of log.read(0, { tenant: T })) events.push(stored.event);
  return events;
}

test('removing a list entry by id appends a list.changed removal, so lists rebuilt from the log no longer hold it', async () => {
  const { clock, log, hasher, ingestor, store, lists } = setup();
  // The phones of sample applications 5 and 6.
  await lists.add(T, [
    { list: 'black', entityType: 'phone', value: '13800001005', reason: 'fraud' },
    { list: 'grey', entityType: 'phone', value: '13800001006', reason: 'disputed' },
  ]);
  const [entry] = lists.query(T, { rawValue: '13800001005' });
  await lists.removeById(T, entry.id);
  assert.deepEqual(store.lookup(T, 'phone', entry.value, clock.now()), []);

  const events = await logged(log);
  assert.deepEqual(events.map((e) => `${e.type} ${(e.data as { action: string }).action}`), ['list.changed add', 'list.changed add', 'list.changed remove']);
  assert.deepEqual(events[2].data, { list: 'black', entityType: 'phone', value: entry.value, action: 'remove', reason: 'removed', source: 'argus-list-api' });
  const rebuilt = new PointInTimeLists();
  for (const event of events) rebuilt.apply(event);
  assert.deepEqual(rebuilt.lookup(T, 'phone', entry.value, clock.now()), []);
  assert.equal(rebuilt.lookup(T, 'phone', hasher.hash('13800001006'), clock.now()).length, 1);

  // A backtest of applications made after the removal: the removed entry no longer rejects, the other still hits.
  await ingestor.ingestRecords(T, [application(5), application(6)]);
  const flow = mustCompile({
    id: 'lists',
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'list', id: 'l', checks: [{ entityType: 'phone', value: 'app.applicant.phone' }] }, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: 'l' }, { from: 'l', to: 'o' }],
  });
  const { decisions } = await runBacktest({ tenant: T, log, flows: [flow] });
  assert.deepEqual(decisions.map((d) => [d.applicationId, d.outcomes[0], d.reasons[0]]), [['app-5', 'approve', []], ['app-6', 'review', ['LIST_GREY_PHONE']]]);

  // An id that is not there (any more): coded, and nothing is appended.
  await assert.rejects(lists.removeById(T, entry.id), { code: 'LIST_ENTRY_NOT_FOUND' });
  assert.equal(await log.count(T), 5);
  await log.close();
});
