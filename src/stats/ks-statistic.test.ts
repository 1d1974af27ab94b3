import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ksStatistic, ksTest } from './ks-statistic.js';

test('ks is the largest gap between the class CDFs, found at the first best threshold', () => {
  // CDF gaps at thresholds 1..5: 1/3, 2/3, 1/3, 2/3, 1/3
  const r = ksTest([1, 2, 3, 4, 5, 6], [0, 0, 1, 0, 1, 1]);
  assert.ok(Math.abs(r.ks - 2 / 3) < 1e-12);
  assert.equal(r.threshold, 2);
});

test('ks never splits tied scores', () => {
  assert.equal(ksStatistic([1, 1, 2, 2], [0, 1, 0, 1]), 0);
  assert.equal(ksStatistic([1, 1, 2, 2], [0, 0, 1, 1]), 1);
});

test('ks is direction-free and NaN with one class', () => {
  assert.equal(ksStatistic([2, 2, 1, 1], [0, 0, 1, 1]), 1);
  assert.ok(Number.isNaN(ksStatistic([1, 2], [0, 0])));
});
