import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixedClock } from '../../core/index.js';
import { loadModel, type GbstScorer, type GbdtScorer } from '../../model/index.js';
import { tableFromColumns } from '../data/table.js';
import { simulateLoans } from '../testing/simulated-loans.js';
import { fitGbdt } from './train-gbdt.js';
import { fitGbst } from './train-gbst.js';
import { outputSeed } from '../boosting/samplers.js';

const clock = new FixedClock('2024-01-01T00:00:00Z');

test('variant B equals J separate logistic boosters trained on the expanded person-period data, with and without subsampling', () => {
  const J = 4;
  const sim = simulateLoans({ rows: 1500, periods: J, seed: 7 });
  const score = sim.table.numeric('score').map((v) => Math.max(-3, Math.min(3, Math.round(v))));
  const ltv = sim.table.numeric('ltv').map((v) => Math.floor(v * 10));
  const time = sim.table.numeric('time');
  const event = sim.table.numeric('default');
  const table = tableFromColumns({ score, ltv, time, default: event });
  // Under subsampling, period j's trees draw their own rows (among the loans at risk) and columns with the seed
  // outputSeed(seed, j − 1): those of a separate booster given that seed.
  const samplings: { subsample?: number; colsample?: number; seed?: number }[] = [{}, { subsample: 0.7, colsample: 0.5, seed: 3 }];
  for (const sampling of samplings) {
    const params = { features: ['score', 'ltv'], rounds: 8, maxDepth: 3, learningRate: 0.3, minChildHessian: 0.5, l2: 1, clock, ...sampling };
    const b = fitGbst(table, { ...params, time: 'time', event: 'default', periods: J, periodLength: 1, variant: 'B' });
    assert.equal(b.artifact.trees.length, 8 * J);
    const gbst = loadModel(b.artifact) as GbstScorer;
    for (let j = 0; j < J; j++) {
      // Period j+1's person-period rows: loans still at risk then, target 1 for those defaulting in it.
      const atRisk = Array.from(time.keys()).filter((i) => time[i] >= j + 1);
      const expanded = tableFromColumns({
        score: atRisk.map((i) => score[i]),
        ltv: atRisk.map((i) => ltv[i]),
        y: atRisk.map((i) => (time[i] === j + 1 && event[i] === 1 ? 1 : 0)),
      });
      const seed = sampling.seed !== undefined ? outputSeed(sampling.seed, j) : undefined;
      const single = loadModel(fitGbdt(expanded, { ...params, seed, target: 'y' }).artifact) as GbdtScorer;
      for (let i = 0; i < table.rowCount; i += 7) {
        const x = new Float64Array([score[i], ltv[i]]);
        const h = gbst.predictRow(x)[j];
        assert.ok(Math.abs(h - single.predictRow(x)) < 1e-12, `${JSON.stringify(sampling)}, period ${j + 1}, loan ${i}: ${h} vs ${single.predictRow(x)}`);
      }
    }
    if (sampling.colsample !== undefined) {
      // Each period's trees used their own column draws: with one of two features per tree, the periods' first
      // trees do not all split on the same feature.
      const firstFeatures = b.artifact.trees.slice(0, J).map((t) => t.feature[0]);
      assert.ok(new Set(firstFeatures).size > 1, firstFeatures.join());
    }
  }
});

test('on loans simulated from a known hazard, GBST recovers S(t) far better than the life table', () => {
  const J = 8;
  const train = simulateLoans({ rows: 6000, periods: J, seed: 11 });
  const test_ = simulateLoans({ rows: 1000, periods: J, seed: 12 });
  const fit = fitGbst(train.table, {
    features: ['score', 'ltv', 'grade', 'noise'],
    time: 'time',
    event: 'default',
    periods: J,
    periodLength: 1,
    rounds: 100,
    maxDepth: 2,
    learningRate: 0.1,
    clock,
  });
  const model = loadModel(fit.artifact) as GbstScorer;
  const baseline = fit.artifact.baseScore.map((f) => 1 / (1 + Math.exp(-f)));
  let modelError = 0;
  let tableError = 0;
  const rows = test_.table;
  const fill = model.rowFiller(rows);
  const x = new Float64Array(4);
  for (let i = 0; i < rows.rowCount; i++) {
    fill(i, x);
    const s = model.survivalAt(x, [4, 8]);
    let lifeTable = 1;
    for (let j = 0; j < J; j++) {
      lifeTable *= 1 - baseline[j];
      if (j === 3) tableError += Math.abs(lifeTable - test_.survival(i, 4));
    }
    tableError += Math.abs(lifeTable - test_.survival(i, 8));
    modelError += Math.abs(s[0] - test_.survival(i, 4)) + Math.abs(s[1] - test_.survival(i, 8));
  }
  modelError /= 2 * rows.rowCount;
  tableError /= 2 * rows.rowCount;
  // With 6,000 loans the estimation noise alone is about 0.03; ignoring covariates costs about 0.17.
  assert.ok(modelError < 0.04, `mean |S_model − S_true| = ${modelError}`);
  assert.ok(modelError < 0.25 * tableError, `model ${modelError} vs life table ${tableError}`);
});

test('a reloaded model reproduces the training-time scores bit for bit (categorical and missing values too)', () => {
  const sim = simulateLoans({ rows: 800, periods: 6, periodLength: 3, seed: 3 });
  const ltv = sim.table.numeric('ltv').map((v, i) => (i % 9 === 0 ? NaN : v));
  const table = tableFromColumns({
    score: sim.table.numeric('score'),
    ltv,
    grade: Array.from(sim.table.column('grade').values, (c) => (Number.isNaN(c) ? null : 'ABC'[c])),
    time: sim.table.numeric('time'),
    default: sim.table.numeric('default'),
  });
  // Numeric-only variant A takes the scorer's fast path; categorical splits and variant B the general one.
  for (const [variant, features] of [['A', ['score', 'ltv']], ['A', ['score', 'ltv', 'grade']], ['B', ['score', 'ltv', 'grade']]] as const) {
    const fit = fitGbst(table, {
      features: [...features],
      time: 'time',
      event: 'default',
      periods: 6,
      periodLength: 3,
      rounds: 12,
      maxDepth: 4,
      variant,
      clock,
    });
    const reloaded = loadModel(JSON.parse(JSON.stringify(fit.artifact))) as GbstScorer;
    const trained = fit.trainScores();
    const fill = reloaded.rowFiller(table);
    const x = new Float64Array(features.length);
    for (let i = 0; i < table.rowCount; i++) {
      fill(i, x);
      const raw = reloaded.rawScores(x);
      for (let k = 0; k < 6; k++) assert.equal(raw[k], trained[i * 6 + k], `variant ${variant}, row ${i}, period ${k + 1}`);
      if (i % 50 === 0) {
        // TreeSHAP contributions add up to the explained score (mean period log-odds) minus its expectation.
        const e = reloaded.explain(x, features.length);
        const sum = e.contributions.reduce((a, c) => a + c.contribution, 0);
        assert.ok(Math.abs(sum - (e.score - e.expected)) < 1e-9, `row ${i}: ${sum} vs ${e.score - e.expected}`);
      }
    }
  }
});

test('the same seed gives the same model; another seed another one (row and column subsampling)', () => {
  const sim = simulateLoans({ rows: 1000, periods: 5, seed: 5 });
  const spec = {
    features: ['score', 'ltv', 'grade', 'noise'],
    time: 'time',
    event: 'default',
    periods: 5,
    rounds: 10,
    subsample: 0.7,
    colsample: 0.5,
    clock,
  };
  const a = JSON.stringify(fitGbst(sim.table, { ...spec, seed: 1 }).artifact);
  const b = JSON.stringify(fitGbst(sim.table, { ...spec, seed: 1 }).artifact);
  const c = JSON.stringify(fitGbst(sim.table, { ...spec, seed: 2 }).artifact);
  assert.equal(a, b);
  assert.notEqual(JSON.parse(a).trees[0].leafValues.join(), JSON.parse(c).trees[0].leafValues.join());
});

test('gbst rejects a spec without periods, reporting every problem together', () => {
  const sim = simulateLoans({ rows: 50, periods: 3, seed: 1 });
  assert.throws(
    () => fitGbst(sim.table, { features: ['score'], time: 'time', event: 'default', periods: 0 }),
    (e: { code: string }) => e.code === 'LEARN_PARAM_INVALID',
  );
  assert.throws(
    () => fitGbst(sim.table, { features: ['score', 'nope'], time: 'time', event: 'default', periods: 3, rounds: 0 }),
    (e: { code: string }) => e.code === 'LEARN_PARAM_INVALID',
  );
  assert.throws(
    () => fitGbst(sim.table, { features: ['score', 'nope'], time: 'time', event: 'default', periods: 3 }),
    (e: { code: string; details: { missing: string[] } }) => e.code === 'LEARN_COLUMN_NOT_FOUND' && e.details.missing[0] === 'nope',
  );
});
