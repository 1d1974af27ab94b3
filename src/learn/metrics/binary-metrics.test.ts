import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryMetrics, calibrationByDecile, liftTable } from './binary-metrics.js';
import { rankGroups } from './rank-groups.js';

test('lift table: riskiest group first, lift = group rate / overall rate, capture accumulates', () => {
  const prob = [0.9, 0.8, 0.3, 0.2];
  const label = [1, 0, 0, 0];
  const t = liftTable(prob, label, 2);
  assert.equal(t.length, 2);
  assert.equal(t[0].events, 1);
  assert.equal(t[0].lift, 2); // 1/2 over 1/4
  assert.equal(t[0].cumulativeCapture, 1);
  assert.equal(t[1].cumulativeLift, 1);
});

test('calibration by decile compares mean prediction with the observed rate per group', () => {
  const c = calibrationByDecile([0.1, 0.1, 0.6, 0.8], [0, 0, 1, 0], 2);
  assert.deepEqual(
    c.map((r) => [r.rows, r.meanPredicted, r.observed]),
    [
      [2, 0.1, 0],
      [2, 0.7, 0.5],
    ],
  );
});

test('binary metrics: brier, log loss and auc on a small case', () => {
  const m = binaryMetrics([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 1]);
  assert.ok(Math.abs(m.brier - (0.01 + 0.04 + 0.36 + 0.36) / 4) < 1e-12);
  assert.equal(m.auc, 0.75);
  assert.ok(Math.abs(m.logLoss - -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4) < 1e-12);
});

test('rank groups never split tied scores', () => {
  const g = rankGroups([1, 1, 1, 1, 2, 3], 3);
  assert.deepEqual(Array.from(g.groupOf), [0, 0, 0, 0, 1, 2]);
});
