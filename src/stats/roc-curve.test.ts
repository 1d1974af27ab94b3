import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocCurve, thinCurve } from './roc-curve.js';

test('roc curve runs from (0,0) to (1,1) with one point per distinct score, ties in one step', () => {
  const c = rocCurve([1, 1, 2, 3], [0, 1, 0, 1]);
  assert.deepEqual(Array.from(c.thresholds), [Infinity, 3, 2, 1]);
  assert.deepEqual(Array.from(c.truePositiveRate), [0, 0.5, 0.5, 1]);
  assert.deepEqual(Array.from(c.falsePositiveRate), [0, 0, 0.5, 1]);
});

test('thinCurve keeps both ends and at most the asked number of points', () => {
  const c = rocCurve(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, (_, i) => i % 2));
  const t = thinCurve(c, 11);
  assert.equal(t.thresholds.length, 11);
  assert.equal(t.falsePositiveRate[0], 0);
  assert.equal(t.truePositiveRate[10], 1);
});
