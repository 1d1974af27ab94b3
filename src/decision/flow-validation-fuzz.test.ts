// Validation is total: whatever JSON arrives (POST /v1/flows takes any body), compiling a flow never throws; it
// answers with coded problems. Every field of a valid node of every kind, and of the document, is replaced in turn
// by values of the wrong shape (or removed), and the outcome must be a flow or coded problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowDocument } from './flow-types.js';
import { checkFlow } from './testing/flow-harness.js';

const MODEL_INPUTS = { debt_to_income: '0.1', apps_applicant_30d: '1.0', applicant_age: '30.0', contacts_count: '2.0', graph_bad_within_2: '0.0' };
const CHILD: FlowDocument = {
  id: 'child',
  nodes: [{ kind: 'input', id: 'in' }, { kind: 'rules', id: 'r', rules: [{ id: 'a', when: 'true', action: { type: 'set', variable: 'cv', value: '1.0', valueType: 'double' } }] }, { kind: 'output', id: 'o' }],
  edges: [{ from: 'in', to: 'r' }, { from: 'r', to: 'o' }],
};

/** One valid node of each kind (the node under test is always "n", between the input and the output "o"). */
const NODES: Record<string, unknown>[] = [
  { kind: 'list', id: 'n', checks: [{ entityType: 'phone', value: 'app.applicant.phone', lists: ['black', 'grey'] }], actions: { black: 'reject', white: 'none' } },
  {
    kind: 'rules', id: 'n', mode: 'all-hits', rules: [
      { id: 'a', name: 'A', when: 'true', action: { type: 'set', variable: 'v', value: '1.0', valueType: 'double' }, reason: 'R', onMissing: 'skip' },
      { id: 'b', when: 'v > 0.0', action: { type: 'points', points: 1 } },
      { id: 'c', when: 'true', action: { type: 'tag', tag: 't' } },
      { id: 'd', when: 'false', action: { type: 'reject' } },
    ],
  },
  {
    kind: 'table', id: 'n', hitPolicy: 'first', onMissing: 'skip',
    inputs: [{ name: 'x', value: 'double(app.requestedAmount)' }, { name: 'ch', value: 'app.channel' }],
    outputs: { band: 'string', mult: 'double' },
    rows: [{ when: ['[0..10)', '"app", "web"'], then: { band: '"A"', mult: '1.0' }, priority: 1, reason: 'R' }, { when: ['>= 10', 'value != ""'], then: { band: '"B"' } }],
    defaults: { band: '"Z"', mult: '0.5' },
  },
  {
    kind: 'matrix', id: 'n', output: 'm', onMissing: 'skip',
    rows: { value: 'double(app.requestedAmount)', bands: [{ label: 'lo', range: '[..1000)' }, { label: 'hi', range: '[1000..]' }] },
    columns: { value: 'app.channel', bands: [{ label: 'any', range: '-' }] },
    values: [[1], [2]],
  },
  {
    kind: 'scorecard', id: 'n', baseScore: 600, output: 's', reasons: 2,
    characteristics: [{ name: 'amt', value: 'double(app.requestedAmount)', reason: 'R', bins: [{ when: 'missing', points: 0 }, { when: '[..1000)', points: 5 }, { when: '-', points: 1 }] }],
  },
  { kind: 'model', id: 'n', model: 'pd', version: 1, inputs: MODEL_INPUTS, output: 'p', reasons: 1, reasonScale: 2 },
  { kind: 'model', id: 'n', model: 'pd_curve', version: 1, inputs: MODEL_INPUTS, horizons: { pd_6m: 6, pd_term: 'term' }, output: 'risk' },
  { kind: 'features', id: 'n', names: ['a', { name: 'b.c', as: 'bc' }] },
  { kind: 'graph', id: 'n', names: [{ name: 'graph.x', as: 'gx' }] },
  { kind: 'switch', id: 'n', cases: [{ when: 'points > 1.0', branch: 'x' }], default: 'y' },
  { kind: 'subflow', id: 'n', flow: 'child', version: 1 },
  { kind: 'output', id: 'n', decision: 'approve', creditLimit: '1000.0', price: '0.1', term: '6.0', tags: ['t'], expose: ['points'], maxReasons: 3 },
];

const WRONG: unknown[] = [
  undefined, null, 0, -1, 1.5, 1e308, 'x', '', 'constructor', '__proto__', true, [], [null], [1, 'a'], {}, { a: null }, { toString: 'x' },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
];

function flowAround(node: Record<string, unknown>): Record<string, unknown> {
  const isOutput = node.kind === 'output';
  const edges: unknown[] = isOutput ? [{ from: 'in', to: 'n' }] : [{ from: 'in', to: 'n' }];
  if (!isOutput) {
    if (node.kind === 'switch') edges.push({ from: 'n', to: 'o', branch: 'x' }, { from: 'n', to: 'o', branch: 'y' });
    else edges.push({ from: 'n', to: 'o' });
  }
  return {
    id: 'fuzz', variables: { term: { path: 'termMonths' } },
    nodes: [{ kind: 'input', id: 'in' }, node, ...(isOutput ? [] : [{ kind: 'output', id: 'o', expose: ['points'] }])],
    edges, limits: { maxNodes: 10, maxDepth: 2, timeoutMs: 50 }, onError: 'error',
  };
}

/** Every path to a value inside `value` (objects and arrays, depth first). */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    out.push([...at, key], ...paths(v, [...at, key]));
  }
  return out;
}

function replaced(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && Array.isArray(at)) at.splice(last as number, 1);
  else if (value === undefined) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function assertTotal(doc: unknown, label: string): void {
  let outcome: ReturnType<typeof checkFlow>;
  try {
    outcome = checkFlow(doc as FlowDocument, { subflows: [CHILD] });
  } catch (err) {
    assert.fail(`${label}: validation threw ${(err as Error)?.stack ?? String(err)}`);
  }
  const { flow, problems } = outcome;
  assert.equal(flow === undefined, problems.length > 0, `${label}: a flow comes with no problems, no flow with some`);
  for (const p of problems) {
    assert.match(p.code, /^(FLOW|EXPRESSION)_[A-Z_]+$/, `${label}: ${JSON.stringify(p)}`);
    assert.equal(typeof p.message, 'string', label);
    assert.ok(p.node === undefined || typeof p.node === 'string', `${label}: a problem names its node by id: ${JSON.stringify(p)}`);
  }
  JSON.stringify(problems);
}

test('every node kind as given validates (the fuzz starts from valid flows)', () => {
  for (const node of NODES) {
    const { problems } = checkFlow(flowAround(node) as unknown as FlowDocument, { subflows: [CHILD] });
    assert.deepEqual(problems, [], `${node.kind}: ${JSON.stringify(problems)}`);
  }
});

test('validation never throws: every field of every node kind replaced by values of the wrong shape', () => {
  let runs = 0;
  for (const node of NODES) {
    for (const path of [[], ...paths(node)]) {
      for (const value of WRONG) {
        const doc = path.length === 0 ? flowAround({ kind: node.kind, id: 'n' }) : flowAround(replaced(node, path, value) as Record<string, unknown>);
        assertTotal(doc, `${node.kind} ${path.join('.')} = ${JSON.stringify(value)}`);
        runs++;
      }
    }
  }
  assert.ok(runs > 1000, `${runs} runs`);
});

test('validation never throws: every field of the document and its edges replaced by values of the wrong shape', () => {
  const base = flowAround(NODES[1]);
  for (const path of paths(base).filter((p) => p[0] !== 'nodes' || p.length <= 3)) {
    for (const value of WRONG) assertTotal(replaced(base, path, value), `${path.join('.')} = ${JSON.stringify(value)}`);
  }
  for (const value of WRONG) assertTotal(value, `the document = ${JSON.stringify(value)}`);
});
