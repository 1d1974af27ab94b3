import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../core/index.js';
import { loadModel, type GbdtScorer, type TreeJson } from '../../model/index.js';
import { tableFromColumns } from '../data/table.js';
import { fitGbdt } from './train-gbdt.js';

function data(rows: number, seed: number, label: (x1: number, x2: number, r: Random) => number) {
  const r = new Random(seed);
  const x1 = Float64Array.from({ length: rows }, () => r.next());
  const x2 = Float64Array.from({ length: rows }, () => r.next());
  const noise = Float64Array.from({ length: rows }, () => r.normal());
  const y = Float64Array.from({ length: rows }, (_, i) => label(x1[i], x2[i], r));
  return { x1, x2, noise, y };
}

test('gbdt learns a known function (an interaction no single split can express)', () => {
  const xor = (a: number, b: number): number => ((a > 0.5) !== (b > 0.5) ? 1 : 0);
  const train = data(3000, 1, xor);
  const holdout = data(1000, 2, xor);
  const model = loadModel(fitGbdt(tableFromColumns(train), { features: ['x1', 'x2', 'noise'], target: 'y', rounds: 40, maxDepth: 3 }).artifact) as GbdtScorer;
  let correct = 0;
  for (let i = 0; i < 1000; i++) {
    const p = model.predictRow(new Float64Array([holdout.x1[i], holdout.x2[i], holdout.noise[i]]));
    if ((p > 0.5 ? 1 : 0) === holdout.y[i]) correct++;
  }
  assert.ok(correct > 970, `accuracy ${correct / 10}%`);
});

test('missing values go to the learned default direction', () => {
  // Rows with x1 missing are almost all positive; among the rest, y = x1 > 0.7 (so positives sit on the right).
  const r = new Random(3);
  const x1 = Float64Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? NaN : r.next()));
  const y = Float64Array.from(x1, (v) => (Number.isNaN(v) ? (r.chance(0.95) ? 1 : 0) : v > 0.7 ? 1 : 0));
  const fit = fitGbdt(tableFromColumns({ x1, y }), { features: ['x1'], target: 'y', rounds: 20, maxDepth: 2 });
  const model = loadModel(fit.artifact) as GbdtScorer;
  assert.ok(model.predictRow(new Float64Array([NaN])) > 0.85, 'missing scores like the positives');
  assert.ok(model.predictRow(new Float64Array([0.2])) < 0.1);
  const root = fit.artifact.trees[0];
  assert.equal(root.missingLeft[0], 0, 'the first split sends missing values right, with the high values');
});

test('categorical features split by category sets', () => {
  const r = new Random(4);
  const grades = ['A', 'B', 'C', 'D', 'E', 'F'];
  const grade = Array.from({ length: 3000 }, () => r.pick(grades));
  const y = grade.map((g) => (g === 'B' || g === 'E' ? (r.chance(0.9) ? 1 : 0) : r.chance(0.1) ? 1 : 0));
  const fit = fitGbdt(tableFromColumns({ grade, y }), { features: ['grade'], target: 'y', rounds: 10, maxDepth: 1, learningRate: 0.5 });
  const tree: TreeJson = fit.artifact.trees[0];
  const left = tree.categories?.['0'];
  assert.ok(left, 'the root split is categorical');
  const levels = fit.artifact.featureInfo![0].levels!;
  const leftNames = new Set(left.map((c) => levels[c]));
  assert.ok(leftNames.has('B') === leftNames.has('E') && leftNames.size !== 0 && leftNames.size !== 6);
  assert.equal(leftNames.has('B') ? leftNames.size : 6 - leftNames.size, 2, 'one side holds exactly B and E');
  const model = loadModel(fit.artifact) as GbdtScorer;
  assert.ok(model.predictRow(model.encodeRecord({ grade: 'E' })) > 0.8);
  assert.ok(model.predictRow(model.encodeRecord({ grade: 'C' })) < 0.2);
  // An unseen category is missing and follows the default direction, not a crash.
  assert.ok(Number.isFinite(model.predictRow(model.encodeRecord({ grade: 'Z' }))));
});

test('early stopping stops when the validation loss stops improving and keeps the best round', () => {
  const noisy = (_a: number, _b: number, r: Random): number => (r.chance(0.5) ? 1 : 0);
  const train = tableFromColumns(data(1000, 5, noisy));
  const valid = tableFromColumns(data(1000, 6, noisy));
  const fit = fitGbdt(train, { features: ['x1', 'x2', 'noise'], target: 'y', rounds: 200, maxDepth: 6, validation: valid, earlyStoppingRounds: 5 });
  const t = fit.artifact.training;
  assert.ok((t.roundsRun as number) < 200, `ran ${t.roundsRun} rounds`);
  assert.equal(t.roundsRun, t.rounds + 5);
  assert.equal(fit.artifact.trees.length, t.rounds);
  // A validation set alone (no early stopping) only reports; every round is kept.
  const all = fitGbdt(train, { features: ['x1', 'x2', 'noise'], target: 'y', rounds: 30, maxDepth: 6, validation: valid });
  assert.equal(all.artifact.trees.length, 30);
  assert.ok(Number.isFinite(all.artifact.training.validLoss));
});

test('feature importance ranks the signal above the noise', () => {
  const train = data(2000, 7, (a, _b, r) => (r.chance(a > 0.5 ? 0.8 : 0.2) ? 1 : 0));
  const fit = fitGbdt(tableFromColumns(train), { features: ['noise', 'x1', 'x2'], target: 'y', rounds: 20, maxDepth: 3 });
  const importance = fit.artifact.training.importance!;
  assert.equal(importance[0].feature, 'x1');
  assert.ok(importance[0].gain > 5 * importance[1].gain);
  assert.ok(importance.every((f) => f.gain >= 0 && f.splits >= 0));
});

test('leaf-wise growth respects numLeaves', () => {
  const train = data(2000, 8, (a, b) => (a + b > 1 ? 1 : 0));
  const fit = fitGbdt(tableFromColumns(train), { features: ['x1', 'x2'], target: 'y', rounds: 5, numLeaves: 7 });
  assert.equal(fit.artifact.training.params.growth, 'leafwise');
  for (const tree of fit.artifact.trees) assert.ok(tree.feature.filter((f) => f === -1).length <= 7);
  assert.ok(fit.artifact.trees.some((t) => t.feature.filter((f) => f === -1).length === 7));
});

test('the binary target must be 0/1; every bad row is counted', () => {
  const table = tableFromColumns({ x: [1, 2, 3, 4], y: [0, 1, 2, NaN] });
  assert.throws(
    () => fitGbdt(table, { features: ['x'], target: 'y' }),
    (e: { code: string; details: { bad: number } }) => e.code === 'LEARN_LABEL_INVALID' && e.details.bad === 2,
  );
});
