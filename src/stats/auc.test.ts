import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auc, gini } from './auc.js';
import { RiskError } from '../core/index.js';

test('auc on a small untied case matches the pair count (3 of 4 pairs ordered)', () => {
  assert.equal(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
});

test('auc counts tied positive/negative pairs as one half', () => {
  // positives {1,3}, negatives {1,2}: pairs 0.5 + 0 + 1 + 1 = 2.5 of 4
  assert.equal(auc([1, 1, 2, 3], [0, 1, 0, 1]), 0.625);
  assert.equal(auc([5, 5, 5, 5], [0, 1, 0, 1]), 0.5);
});

test('integer weights give the same auc as repeating rows', () => {
  const weighted = auc([1, 1, 2, 3], [0, 1, 0, 1], [2, 1, 1, 1]);
  const repeated = auc([1, 1, 1, 2, 3], [0, 0, 1, 0, 1]);
  assert.equal(weighted, repeated);
  assert.ok(Math.abs(weighted - 4 / 6) < 1e-12);
});

test('auc is NaN with one class, skips NaN scores, and rejects mismatched lengths by code', () => {
  assert.ok(Number.isNaN(auc([1, 2], [1, 1])));
  assert.equal(auc([NaN, 0.1, 0.9], [0, 0, 1]), 1);
  assert.throws(() => auc([1, 2], [1]), (e: unknown) => e instanceof RiskError && e.code === 'STATS_LENGTH_MISMATCH');
});

test('gini is 2*auc-1 and flips sign when the score is reversed', () => {
  const s = Float64Array.from([0.1, 0.4, 0.35, 0.8]);
  assert.equal(gini(s, [0, 0, 1, 1]), 0.5);
  assert.equal(gini(s.map((v) => -v), [0, 0, 1, 1]), -0.5);
});
