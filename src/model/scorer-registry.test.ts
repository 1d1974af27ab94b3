import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RiskError } from '../core/index.js';
import { sigmoid } from './link-functions.js';
import { loadModel, registerScorer } from './scorer-registry.js';
import { isSurvivalModel, ScorerBase, type BinaryScoringModel } from './scoring-model.js';
import { coxArtifact, gbdtArtifact, gbstArtifact } from './test-artifacts.js';

const code = (c: string) => (e: unknown) => e instanceof RiskError && e.code === c;

test('gbst: hazards per period, S(t) multiplies survival probabilities (never hazards), PD = 1 − S', () => {
  const model = loadModel(JSON.stringify(gbstArtifact()));
  assert.ok(isSurvivalModel(model));
  const x = model.encodeRecord({ x: 12, grade: 'C' });
  const h = model.predictRow(x);
  const expected = [-3 + 0.5 + 0.6, -2.5 + 0.4 + 0.6, -2 + 0.3 + 0.6].map(sigmoid);
  expected.forEach((v, j) => assert.equal(h[j], v));
  const s = model.survivalAt(x, [0, 4, 6, 8, 12]);
  assert.equal(s[0], 1);
  assert.equal(s[1], 1 - h[0]);
  assert.ok(Math.abs(s[2] - (1 - h[0]) * Math.sqrt(1 - h[1])) < 1e-15, 'half a period: constant hazard within it');
  assert.equal(s[3], (1 - h[0]) * (1 - h[1]));
  assert.equal(s[4], (1 - h[0]) * (1 - h[1]) * (1 - h[2]));
  assert.equal(model.riskScore(x), 1 - s[4]);
  // Concordance ranks by expected default-free time within the horizon: 4 · (S(4) + S(8) + S(12)).
  assert.ok(Math.abs(model.concordanceRisk!(x) + 4 * (s[1] + s[3] + s[4])) < 1e-12);
  const safer = model.encodeRecord({ x: 1, grade: 'A' });
  assert.ok(model.concordanceRisk!(safer) < model.concordanceRisk!(x), 'lower hazards, later expected default, lower risk');
  assert.notEqual(s[4], h[0] * h[1] * h[2]);
  assert.throws(() => model.survivalAt(x, [13]), code('MODEL_HORIZON_OUT_OF_RANGE'));
});

test('missing values and unseen categories follow the default direction', () => {
  const model = loadModel(gbstArtifact());
  const missing = model.predictRow(model.encodeRecord({ x: null, grade: 'Z' })) as Float64Array;
  assert.equal(missing[0], sigmoid(-3 - 0.5 - 0.1));
});

test('binary and cox models', () => {
  const gbdt = loadModel(gbdtArtifact()) as BinaryScoringModel;
  assert.equal(gbdt.predictRow(new Float64Array([3])), sigmoid(-2));
  assert.throws(() => gbdt.survivalAt(new Float64Array([3]), [12]), code('MODEL_HORIZON_UNSUPPORTED'));
  const cox = loadModel(coxArtifact());
  const x = new Float64Array([20]);
  assert.equal(cox.predictRow(x), Math.exp(0.5));
  const s = cox.survivalAt(x, [0.5, 1, 4, 9]);
  assert.deepEqual(Array.from(s), [1, Math.exp(-0.1 * Math.exp(0.5)), Math.exp(-0.1 * Math.exp(0.5)), Math.exp(-0.3 * Math.exp(0.5))]);
});

test('predictTable scores a columnar source in row order, matching categorical levels by name', () => {
  const model = loadModel(gbstArtifact());
  const source = {
    rowCount: 3,
    hasColumn: (n: string) => n === 'x' || n === 'grade',
    // The table's own level order differs from the model's.
    column: (n: string) => (n === 'x' ? { values: [1, 20, NaN] } : { values: [0, 1, NaN], levels: ['C', 'A'] }),
  };
  const [col] = model.predictTable(source, { horizons: [12] });
  assert.equal(col.name, 'survival_12');
  assert.equal(col.values[0], model.survivalAt(model.encodeRecord({ x: 1, grade: 'C' }), [12])[0]);
  assert.equal(col.values[1], model.survivalAt(model.encodeRecord({ x: 20, grade: 'A' }), [12])[0]);
  assert.equal(col.values[2], model.survivalAt(model.encodeRecord({}), [12])[0]);
  assert.throws(
    () => model.predictTable({ rowCount: 1, hasColumn: () => false, column: () => ({ values: [] }) }),
    (e: unknown) => e instanceof RiskError && e.code === 'MODEL_FEATURE_MISSING' && (e.details.missing as string[]).length === 2,
  );
});

test('explanations: top reasons first, and all contributions sum to score − expected', () => {
  const model = loadModel(gbstArtifact());
  const x = model.encodeRecord({ x: 12, grade: 'C' });
  const e = model.explain(x, 1);
  assert.equal(e.contributions.length, 1);
  assert.equal(e.contributions[0].feature, 'grade');
  const all = model.featureContributions(x);
  assert.ok(Math.abs(all[0] + all[1] - (e.score - e.expected)) < 1e-12);
});

test('top contributions (the decision path) are explain()\'s: largest first, equal ones in feature order', () => {
  const model = loadModel(gbdtArtifact());
  for (const record of [{ x: 12, grade: 'C' }, { x: 1, grade: 'A' }, {}, { x: 30 }]) {
    const x = model.encodeRecord(record);
    for (const n of [0, 1, 2, 5]) assert.deepEqual(model.topContributions(x, n), model.explain(x, n).contributions);
    const phi = model.featureContributions(x);
    const order = Array.from(phi.keys()).sort((a, b) => phi[b] - phi[a] || a - b);
    assert.deepEqual(model.topContributions(x, 5).map((c) => c.feature), order.map((f) => model.features[f]));
  }
  // Ties: a model with no trees gives every feature 0, kept in feature order.
  const flat = loadModel({ ...gbdtArtifact(), trees: [] });
  assert.deepEqual(flat.topContributions(flat.encodeRecord({}), 5).map((c) => c.feature), flat.features);
});

test('invalid artifacts are rejected with stable codes', () => {
  assert.throws(() => loadModel('{not json'), code('MODEL_ARTIFACT_INVALID'));
  assert.throws(() => loadModel({ format: 'other' }), code('MODEL_ARTIFACT_INVALID'));
  assert.throws(() => loadModel({ ...gbdtArtifact(), formatVersion: 99 }), code('MODEL_VERSION_UNSUPPORTED'));
  assert.throws(() => loadModel({ ...gbdtArtifact(), kind: 'neural' }), code('MODEL_KIND_UNKNOWN'));
  const cyclic = gbdtArtifact();
  (cyclic.trees[0].left as number[])[0] = 0;
  assert.throws(() => loadModel(cyclic), code('MODEL_ARTIFACT_INVALID'));
  assert.throws(() => loadModel({ ...gbdtArtifact(), baseScore: [] }), code('MODEL_ARTIFACT_INVALID'));
});

test('malformed trees and feature info are MODEL_ARTIFACT_INVALID: category splits without featureInfo, thresholds that are not numbers', () => {
  const invalid = code('MODEL_ARTIFACT_INVALID');
  // featureInfo dropped while a tree lists the categories of "grade" going left.
  const { featureInfo: _dropped, ...noInfo } = gbstArtifact();
  assert.throws(() => loadModel(noInfo), invalid);
  const numericGrade = gbstArtifact();
  assert.throws(() => loadModel({ ...numericGrade, featureInfo: [numericGrade.featureInfo![0], { name: 'grade', type: 'numeric' }] }), invalid);
  // A categorical feature split by a threshold (no categories listed).
  const noCodes = gbstArtifact();
  const { categories: _codes, ...thresholdOnly } = noCodes.trees[1];
  assert.throws(() => loadModel({ ...noCodes, trees: [noCodes.trees[0], thresholdOnly] }), invalid);
  for (const threshold of ['10', null, NaN]) {
    const a = gbdtArtifact();
    assert.throws(() => loadModel({ ...a, trees: [{ ...a.trees[0], threshold: [threshold as number, 0, 0] }] }), invalid, String(threshold));
  }
  const a = gbdtArtifact();
  assert.throws(() => loadModel({ ...a, trees: [{ ...a.trees[0], leafValues: [-1, 'x' as unknown as number] }] }), invalid);
  // featureInfo itself: one entry per feature, in order, with a known type and a categorical feature's levels.
  const info = gbstArtifact().featureInfo!;
  for (const bad of [[info[0]], [info[1], info[0]], [info[0], { name: 'grade', type: 'categorical' }], [info[0], { name: 'grade', type: 'ordinal' }]]) {
    assert.throws(() => loadModel({ ...gbstArtifact(), featureInfo: bad }), invalid, JSON.stringify(bad));
  }
  // The well-formed originals load.
  assert.equal(loadModel(gbstArtifact()).kind, 'gbst');
  assert.equal(loadModel(gbdtArtifact()).kind, 'gbdt');
});

test('new kinds plug in through the scorer registry', () => {
  class ConstantScorer extends ScorerBase {
    predictRow(): number {
      return 0.25;
    }
    riskScore(): number {
      return 0.25;
    }
    featureContributions(): Float64Array {
      return new Float64Array(this.features.length);
    }
    protected explainedScore(): { score: number; expected: number } {
      return { score: 0, expected: 0 };
    }
    protected outputNames(): string[] {
      return ['pd'];
    }
    protected predictInto(_x: Float64Array, _o: object, out: Float64Array): void {
      out[0] = 0.25;
    }
  }
  registerScorer('constant', (a) => new ConstantScorer(a));
  const m = loadModel({ format: 'argus-model', formatVersion: 1, kind: 'constant', features: ['x'], training: { seconds: 0, rounds: 0, params: {} } });
  assert.equal(m.predictRow(new Float64Array([1])), 0.25);
});
