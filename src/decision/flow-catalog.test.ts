import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock, Random } from '../core/index.js';
import { defaultExpressionEngine } from '../expression/index.js';
import { FlowCatalog } from './flow-catalog.js';
import type { FlowDocument } from './flow-types.js';
import { SqliteFlowStore } from './store/sqlite-flow-store.js';
import { openDecisionDatabase } from './store/decision-database.js';
import { SqliteModelStore } from './store/sqlite-model-store.js';
import { memoryLists, testApplication, TEST_TENANT } from './testing/flow-harness.js';
import { runFlow } from './flow-runner.js';

// A flow the checks added later refuse, but which ran before they existed: a rule reads `score` before the
// scorecard sets it (skipped as missing), a table cell compares a text column with a number range (never matches),
// and its time budget is not a number (no budget).
const OLD: FlowDocument = {
  id: 'older',
  limits: { timeoutMs: 'soon' as unknown as number },
  nodes: [
    { kind: 'input', id: 'in' },
    { kind: 'rules', id: 'early', rules: [{ id: 'low', when: 'score < 500', action: { type: 'review' }, reason: 'LOW', onMissing: 'skip' }] },
    {
      kind: 'table', id: 'channel', hitPolicy: 'first', inputs: [{ name: 'channel', value: 'app.channel' }], outputs: { band: 'string' },
      rows: [{ when: ['[1..5)'], then: { band: '"odd"' } }, { when: ['-'], then: { band: '"plain"' } }],
    },
    { kind: 'scorecard', id: 'card', baseScore: 600, output: 'score', characteristics: [{ name: 'amount', bins: [{ when: '-', points: 0 }] }] },
    { kind: 'output', id: 'out', expose: ['band', 'score'] },
  ],
  edges: [{ from: 'in', to: 'early' }, { from: 'early', to: 'channel' }, { from: 'channel', to: 'card' }, { from: 'card', to: 'out' }],
  variables: { amount: { path: 'requestedAmount' } },
} as unknown as FlowDocument;

test('a version saved before stricter checks existed still compiles and runs as it did; saving it again is refused', () => {
  const db = openDecisionDatabase(':memory:');
  const store = new SqliteFlowStore(db);
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  const catalog = new FlowCatalog(store, new SqliteModelStore(db), defaultExpressionEngine(), clock, new Random(1));
  const codes = catalog.validate(TEST_TENANT, OLD).map((p) => p.code).sort();
  assert.deepEqual(codes, ['FLOW_CELL_TYPE_MISMATCH', 'FLOW_LIMIT_INVALID', 'FLOW_VARIABLE_UNSET']);
  assert.throws(() => catalog.save(TEST_TENANT, OLD), (e: { code?: string }) => e.code === 'FLOW_INVALID');

  // As an earlier release stored it, without these checks.
  const saved = store.saveFlow(TEST_TENANT, OLD, clock.now());
  const flow = catalog.compiledFlow(TEST_TENANT, { id: saved.id, version: saved.version });
  const { result } = runFlow(flow, {
    tenant: TEST_TENANT, data: testApplication(), features: {}, graph: {}, lists: memoryLists(), time: clock.now(), clock,
  });
  assert.equal(result.outcome, 'approve');
  assert.deepEqual(result.variables, { band: 'plain', score: 600 });
});

test('a new flow may use a sub-flow version saved before the stricter checks', () => {
  const db = openDecisionDatabase(':memory:');
  const store = new SqliteFlowStore(db);
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  const catalog = new FlowCatalog(store, new SqliteModelStore(db), defaultExpressionEngine(), clock, new Random(1));
  const child = { ...OLD, id: 'child' } as FlowDocument;
  store.saveFlow(TEST_TENANT, child, clock.now());
  const parent = {
    id: 'parent',
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'subflow', id: 'sub', flow: 'child', version: 1 }, { kind: 'output', id: 'out' }],
    edges: [{ from: 'in', to: 'sub' }, { from: 'sub', to: 'out' }],
  } as unknown as FlowDocument;
  assert.deepEqual(catalog.validate(TEST_TENANT, parent), []);
  const saved = catalog.save(TEST_TENANT, parent);
  const { result } = runFlow(catalog.compiledFlow(TEST_TENANT, { id: saved.id, version: saved.version }), {
    tenant: TEST_TENANT, data: testApplication(), features: {}, graph: {}, lists: memoryLists(), time: clock.now(), clock,
  });
  assert.equal(result.outcome, 'approve');
});
