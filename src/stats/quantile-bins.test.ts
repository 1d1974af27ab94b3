import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binCounts, binIndex, quantileBins } from './quantile-bins.js';

test('quantile cuts split 1..10 into four upper-inclusive bins', () => {
  const cuts = quantileBins([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4);
  assert.deepEqual(Array.from(cuts), [3, 5, 8]);
  assert.equal(binIndex(3, cuts), 0);
  assert.equal(binIndex(3.5, cuts), 1);
  assert.equal(binIndex(99, cuts), 3);
  assert.equal(binIndex(NaN, cuts), -1);
});

test('ties merge bins; constant or empty input gives no cuts; NaN and Infinity are ignored for cuts', () => {
  assert.deepEqual(Array.from(quantileBins([1, 1, 1, 1, 2], 2)), [1]);
  assert.deepEqual(Array.from(quantileBins([5, 5, 5], 4)), []);
  assert.deepEqual(Array.from(quantileBins([], 4)), []);
  assert.deepEqual(Array.from(quantileBins([NaN, 1, 2, Infinity], 2)), [1]);
});

test('binCounts puts NaN in the extra last slot', () => {
  assert.deepEqual(Array.from(binCounts([1, 2, 3, NaN], [1.5])), [1, 2, 1]);
});
