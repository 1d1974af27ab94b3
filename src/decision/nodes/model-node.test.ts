import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel, MODEL_FORMAT } from '../../model/index.js';
import { demoPdModel } from '../demo/demo-models.js';
import type { FlowDocument, ModelNode } from '../flow-types.js';
import { checkFlow, mustCompile, runTestFlow, testModels } from '../testing/flow-harness.js';
import { POINTS_PER_LOG_ODDS } from './model-node.js';

// A risky applicant for the hand-made `pd` model, and a scorecard that costs it `loss` points on one characteristic.
const RISKY = { features: { apps_applicant_30d: 3, debt_to_income: 0.6 }, graph: { graph_bad_within_2: 1 }, data: { age: 22 } };

function flowWith(model: Partial<ModelNode>, loss: number): FlowDocument {
  return {
    id: 'reason-scale',
    variables: { applicant_age: { path: 'age' } },
    nodes: [
      { kind: 'input', id: 'in' },
      { kind: 'features', id: 'feat', names: ['apps_applicant_30d', 'debt_to_income'] },
      { kind: 'graph', id: 'graph', names: ['graph_bad_within_2'] },
      { kind: 'model', id: 'pd', model: 'pd', version: 1, output: 'pd_12m', reasons: 1, inputs: { contacts_count: 'double(size(app.contacts))' }, ...model },
      {
        kind: 'scorecard', id: 'card', baseScore: 600, output: 'score', reasons: 1,
        characteristics: [{ name: 'debt_to_income', reason: 'SC_DTI', bins: [{ when: '[..0.5)', points: 0 }, { when: '[0.5..]', points: -loss }] }],
      },
      { kind: 'output', id: 'out', maxReasons: 2 },
    ],
    edges: [
      { from: 'in', to: 'feat' }, { from: 'feat', to: 'graph' }, { from: 'graph', to: 'pd' }, { from: 'pd', to: 'card' }, { from: 'card', to: 'out' },
    ],
  } as unknown as FlowDocument;
}

/** The model's largest risk-increasing contribution for RISKY, in log-odds, computed outside the flow. */
function topContribution(): { feature: string; contribution: number } {
  const model = loadModel(demoPdModel());
  const x = new Float64Array(model.features.map((f) => {
    const values: Record<string, number> = { ...RISKY.features, ...RISKY.graph, applicant_age: RISKY.data.age, contacts_count: 1 };
    return values[f] ?? NaN;
  }));
  return model.topContributions(x, 1)[0];
}

test('model reasons are weighed in points (20 per doubling of the odds by default), so they rank among scorecard losses', () => {
  const top = topContribution();
  assert.ok(top.contribution > 0.1, `a contribution large enough to tell the scales apart: ${top.contribution}`);
  const modelCode = `MODEL_${top.feature.toUpperCase()}`;
  // A loss between the contribution in log-odds and in points: the scale decides which reason comes first.
  const loss = Math.round(top.contribution * POINTS_PER_LOG_ODDS * 0.6);
  assert.ok(loss > top.contribution);

  const byDefault = runTestFlow(mustCompile(flowWith({}, loss)), RISKY).result;
  assert.deepEqual(byDefault.reasons.map((r) => r.code), [modelCode, 'SC_DTI']);
  assert.ok(Math.abs(byDefault.reasons[0].weight - top.contribution * POINTS_PER_LOG_ODDS) < 1e-9);
  assert.equal(byDefault.reasons[1].weight, loss);

  // A model scaled at one point per unit of log-odds ranks below the scorecard's loss.
  const unscaled = runTestFlow(mustCompile(flowWith({ reasonScale: 1 }, loss)), RISKY).result;
  assert.deepEqual(unscaled.reasons.map((r) => r.code), ['SC_DTI', modelCode]);
  assert.equal(unscaled.reasons[1].weight, top.contribution);
});

test('a reasonScale that is not a positive number is a validation problem of the model node', () => {
  for (const reasonScale of [0, -3, Number.NaN, '20' as unknown as number]) {
    const { flow, problems } = checkFlow(flowWith({ reasonScale }, 10));
    assert.equal(flow, undefined);
    assert.ok(problems.some((p) => p.node === 'pd' && p.path === 'reasonScale' && p.code === 'FLOW_NODE_INVALID'), JSON.stringify(problems));
  }
});

test('a scorecard model gives reasons from the points it lost, weighed in points', () => {
  const bin = (label: string, points: number, extra: object) => ({ label, points, woe: 0, events: 1, nonEvents: 1, ...extra });
  const factor = 20 / Math.LN2;
  const card = {
    format: MODEL_FORMAT, formatVersion: 1, kind: 'scorecard', target: 'bad', features: ['fico'], featureInfo: [{ name: 'fico', type: 'numeric' }],
    intercept: 0, scaling: { baseScore: 600, baseOdds: 50, pdo: 20, factor, offset: 600 - factor * Math.log(50) },
    variables: [{
      feature: 'fico', type: 'numeric', coefficient: -1, iv: 0.3, fallbackPoints: 200,
      bins: [bin('<= 650', 200, { upper: 650 }), bin('> 650', 300, { upper: null }), bin('missing', 230, { missing: true })],
    }],
    training: { seconds: 0, rounds: 1, params: {} },
  };
  const flow = mustCompile({
    id: 'card-model', variables: { fico: { path: 'fico' } },
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'model', id: 'm', model: 'card', version: 1, output: 'pd' }, { kind: 'output', id: 'out' }],
    edges: [{ from: 'in', to: 'm' }, { from: 'm', to: 'out' }],
  } as unknown as FlowDocument, { models: testModels({ card }) });
  const low = runTestFlow(flow, { data: { fico: 600 } }).result;
  assert.deepEqual(low.reasons.map((r) => [r.code, r.weight]), [['MODEL_FICO', 100]]);
  assert.deepEqual(runTestFlow(flow, { data: { fico: 700 } }).result.reasons, [], 'the best bin loses nothing');
});
