import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pearson } from './pearson.js';

test('pearson matches a hand-computed value and is ±1 on exact lines', () => {
  assert.ok(Math.abs(pearson([1, 2, 3, 4], [2, 4, 5, 9]) - 0.9647638212377322) < 1e-12);
  assert.ok(Math.abs(pearson([1, 2, 3], [-2, -4, -6]) + 1) < 1e-12);
});

test('pearson skips non-finite pairs and is NaN for a constant side', () => {
  assert.ok(Math.abs(pearson([1, 2, NaN, 3, 4], [2, 4, 7, 5, 9]) - 0.9647638212377322) < 1e-12);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
});
