// Reads of variables before they are set (FLOW_VARIABLE_UNSET): what counts as set, beyond the data-driven cases in
// test/cases/decision/validation.json. The demo flows must stay valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoChallengerFlow, demoFlow } from './demo/demo-installer.js';
import trainedPdCurveModel from './demo/demo-pd-curve-model.json' with { type: 'json' };
import trainedPdModel from './demo/demo-pd-model.json' with { type: 'json' };
import type { FlowDocument, FlowEdge, FlowNode } from './flow-types.js';
import { checkFlow, mustCompile, runTestFlow, testModels } from './testing/flow-harness.js';

const setX = (id: string, value = '2.0'): FlowNode => ({ kind: 'rules', id, rules: [{ id: 'x', when: 'true', action: { type: 'set', variable: 'x', value, valueType: 'double' } }] });
const readX = (id: string): FlowNode => ({ kind: 'rules', id, rules: [{ id: 'big', when: 'x > 1.0', action: { type: 'review' }, reason: 'BIG_X' }] });
const route: FlowNode = { kind: 'switch', id: 's', cases: [{ when: 'app.requestedAmount > 1000.0', branch: 'big' }], default: 'small' };

function flow(nodes: FlowNode[], edges: [string, string, string?][]): FlowDocument {
  return {
    id: 'f',
    nodes: [{ kind: 'input', id: 'in' }, ...nodes, { kind: 'output', id: 'o', creditLimit: 'x' }],
    edges: edges.map(([from, to, branch]): FlowEdge => (branch === undefined ? { from, to } : { from, to, branch })),
  };
}

function unset(doc: FlowDocument): string[] {
  return checkFlow(doc).problems.filter((p) => p.code === 'FLOW_VARIABLE_UNSET').map((p) => `${p.node}:${p.path}`);
}

test('a node that runs in every decision sets its outputs for every node downstream of it, even around it', () => {
  // in -> a -> o and in -> o: the output is reached along a path without a, but a always runs before it.
  const doc = flow([setX('a')], [['in', 'a'], ['a', 'o'], ['in', 'o']]);
  assert.deepEqual(checkFlow(doc).problems, []);
  assert.equal(runTestFlow(mustCompile(doc)).result.creditLimit, 2);
});

test('behind a switch: set on every branch, or upstream of the switch, is set; on one branch only is not', () => {
  const both = flow([route, setX('big'), setX('small', '3.0'), readX('join')], [['in', 's'], ['s', 'big', 'big'], ['s', 'small', 'small'], ['big', 'join'], ['small', 'join'], ['join', 'o']]);
  assert.deepEqual(checkFlow(both).problems, []);
  assert.equal(runTestFlow(mustCompile(both), { data: { requestedAmount: 500 } }).result.creditLimit, 3);
  const upstream = flow([setX('a'), route, readX('big')], [['in', 'a'], ['a', 's'], ['s', 'big', 'big'], ['s', 'o', 'small'], ['big', 'o']]);
  assert.deepEqual(checkFlow(upstream).problems, []);
  const oneBranch = flow([route, setX('big'), readX('join')], [['in', 's'], ['s', 'big', 'big'], ['s', 'join', 'small'], ['big', 'join'], ['join', 'o']]);
  assert.deepEqual(unset(oneBranch), ['join:rules[0].when', 'o:creditLimit']);
  // The only way to the reader passes the setter.
  const onItsBranch = flow([route, setX('big'), readX('after')], [['in', 's'], ['s', 'big', 'big'], ['s', 'o', 'small'], ['big', 'after'], ['after', 'o']]);
  assert.deepEqual(unset({ ...onItsBranch, nodes: onItsBranch.nodes.map((n) => (n.kind === 'output' ? { kind: 'output', id: 'o' } : n)) }), []);
});

test('a node that runs in every decision but is not upstream of the reader does not count (the order between them is not fixed)', () => {
  const doc = flow([setX('a'), readX('b')], [['in', 'a'], ['in', 'b'], ['a', 'o'], ['b', 'o']]);
  assert.deepEqual(unset(doc), ['b:rules[0].when']);
});

test('event variables, reader values and built-ins are set before the flow starts, wherever they are read', () => {
  const doc: FlowDocument = {
    id: 'f',
    variables: { amount: { path: 'requestedAmount' } },
    nodes: [
      { kind: 'input', id: 'in' },
      { kind: 'rules', id: 'r', rules: [{ id: 'a', when: 'amount > 1.0 && apps > 2.0 && !rejected', action: { type: 'review' }, reason: 'A', onMissing: 'skip' }] },
      { kind: 'features', id: 'f', names: [{ name: 'applicant.apps', as: 'apps' }] },
      { kind: 'output', id: 'o' },
    ],
    edges: [{ from: 'in', to: 'r' }, { from: 'r', to: 'f' }, { from: 'f', to: 'o' }],
  };
  assert.deepEqual(checkFlow(doc).problems, []);
});

test('model horizons read from a variable are reads too', () => {
  const inputs = { debt_to_income: '0.1', apps_applicant_30d: '0.0', applicant_age: '30.0', contacts_count: '3.0', graph_bad_within_2: '0.0' };
  const doc = flow([{ kind: 'model', id: 'm', model: 'pd_curve', version: 1, inputs, horizons: { pd_x: 'x' }, reasons: 0 }, setX('a')], [['in', 'm'], ['m', 'a'], ['a', 'o']]);
  assert.deepEqual(unset(doc), ['m:horizons.pd_x']);
});

test('the demo flows (champion and challenger) validate', () => {
  const models = testModels({ 'demo-pd': trainedPdModel, 'demo-pd-curve': trainedPdCurveModel });
  for (const doc of [demoFlow(), demoChallengerFlow()]) assert.deepEqual(checkFlow(doc, { models }).problems, [], doc.id);
});
