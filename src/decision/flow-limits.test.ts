import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../core/index.js';
import { runFlow } from './flow-runner.js';
import type { FlowDocument } from './flow-types.js';
import { checkFlow, memoryLists, mustCompile, testApplication } from './testing/flow-harness.js';

function chain(n: number, limits: FlowDocument['limits']): FlowDocument {
  const nodes: FlowDocument['nodes'][number][] = [{ kind: 'input', id: 'in' }];
  for (let i = 0; i < n; i++) nodes.push({ kind: 'rules', id: `r${i}`, rules: [{ id: 'p', when: 'true', action: { type: 'points', points: 1 } }] });
  nodes.push({ kind: 'output', id: 'out', expose: ['points'] });
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i].id, to: node.id }));
  return { id: 'chain', nodes, edges, limits };
}

/** A clock that moves `ms` at every read. */
function stepping(ms: number): Clock {
  let t = 0;
  return { now: () => (t += ms) };
}

function run(doc: FlowDocument, clock: Clock) {
  return runFlow(mustCompile(doc), { tenant: 't', data: testApplication(), features: {}, graph: {}, lists: memoryLists(), time: 0, clock }).result;
}

test('a decision that runs more nodes than maxNodes ends in a coded error outcome', () => {
  const still: Clock = { now: () => 0 };
  assert.equal(run(chain(5, { maxNodes: 10 }), still).variables.points, 5);
  const r = run(chain(20, { maxNodes: 10 }), still);
  assert.equal(r.outcome, 'error');
  assert.equal(r.error?.code, 'DECISION_NODES_EXCEEDED');
});

test('a decision past its time budget ends in a coded error outcome', () => {
  const r = run(chain(20, { timeoutMs: 50 }), stepping(30));
  assert.equal(r.outcome, 'error');
  assert.equal(r.error?.code, 'DECISION_TIME_EXCEEDED');
});

test('a short flow (under 8 nodes) is checked too: the output node that ends past the budget reports it', () => {
  // Every read moves the clock 40 ms: the deadline is read at 40 (budget 30: 70), the check after the output at 80.
  const r = run(chain(3, { timeoutMs: 30 }), stepping(40));
  assert.deepEqual([r.outcome, r.error?.code, r.error?.node], ['error', 'DECISION_TIME_EXCEEDED', 'out']);
  assert.equal(run(chain(3, { timeoutMs: 50 }), stepping(40)).outcome, 'approve', 'within the budget');
});

test('a slow node is not interrupted, but the decision is reported past its budget within 8 nodes of it', () => {
  // The budget passes during the first node (the clock jumps on its second read): the walk goes on to the 8th node,
  // where the clock is read, and stops there.
  let reads = 0;
  const jump: Clock = { now: () => (++reads === 1 ? 0 : 1_000) };
  const r = run(chain(20, { timeoutMs: 100 }), jump);
  assert.equal(r.error?.code, 'DECISION_TIME_EXCEEDED');
  assert.equal(r.error?.node, 'r6', 'the 8th node: in, r0 ... r6');
  assert.equal(reads, 2);
});

test("the top flow's caps govern the whole decision: sub-flows run under its depth, node and time caps", () => {
  const still: Clock = { now: () => 0 };
  const leaf: FlowDocument = { id: 'leaf', limits: { maxDepth: 0, maxNodes: 2 }, nodes: [{ kind: 'input', id: 'in' }, { kind: 'output', id: 'o' }], edges: [{ from: 'in', to: 'o' }] };
  const nest = (id: string, child: string, limits?: FlowDocument['limits']): FlowDocument => ({
    id, ...(limits ? { limits } : {}),
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'subflow', id: `to_${child}`, flow: child, version: 1 }, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: `to_${child}` }, { from: `to_${child}`, to: 'o' }],
  });
  const mid = nest('mid', 'leaf', { maxDepth: 9 });
  const subflows = [leaf, mid];
  const outcome = (top: FlowDocument, clock: Clock = still) =>
    runFlow(mustCompile(top, { subflows }), { tenant: 't', data: testApplication(), features: {}, graph: {}, lists: memoryLists(), time: 0, clock }).result;
  // top -> mid -> leaf nests two levels: the leaf's own maxDepth 0 and maxNodes 2 do not apply inside it.
  assert.equal(outcome(nest('top', 'mid', { maxDepth: 2 })).outcome, 'approve');
  const one = outcome(nest('top', 'mid', { maxDepth: 1 }));
  assert.equal(one.error?.code, 'DECISION_DEPTH_EXCEEDED');
  assert.equal(one.error?.node, 'to_leaf', "mid's maxDepth 9 does not lift the top's 1");
  const none = outcome(nest('top', 'mid', { maxDepth: 0 }));
  assert.equal(none.error?.code, 'DECISION_DEPTH_EXCEEDED');
  assert.equal(none.error?.node, 'to_mid');
  // Nodes are counted across levels against the top's cap: 3 of the top's, 3 of mid's, 2 of the leaf's.
  assert.equal(outcome(nest('top', 'mid', { maxNodes: 8 })).outcome, 'approve');
  assert.equal(outcome(nest('top', 'mid', { maxNodes: 7 })).error?.code, 'DECISION_NODES_EXCEEDED');
  // Against the top's budget too; a sub-flow's output does not end the decision, so the top's output is where the
  // clock is read in a flow this short.
  const late = outcome(nest('top', 'mid', { timeoutMs: 10 }), stepping(20));
  assert.equal(late.error?.code, 'DECISION_TIME_EXCEEDED');
  assert.equal(late.error?.node, 'o');
});

test('a flow can send errors to review instead', () => {
  const doc = { ...chain(3, { maxNodes: 2 }), onError: 'review' as const };
  const r = run(doc, { now: () => 0 });
  assert.equal(r.outcome, 'review');
  assert.equal(r.error?.code, 'DECISION_NODES_EXCEEDED');
});

test('sub-flows that include themselves are rejected at validation', () => {
  const loop: FlowDocument = {
    id: 'loop',
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'subflow', id: 'again', flow: 'loop', version: 1 }, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: 'again' }, { from: 'again', to: 'o' }],
  };
  const { problems } = checkFlow(loop, { subflows: [loop] });
  assert.deepEqual(problems.map((p) => `${p.code}@${p.node}`), ['FLOW_SUBFLOW_CYCLE@again']);
});
