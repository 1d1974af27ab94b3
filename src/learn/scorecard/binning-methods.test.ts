import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiMerge, monotonicMerge, treeSplit } from './binning-methods.js';
import { chiSquare, enforceMinSize, fineGroups } from './bin-groups.js';

const limits = { maxBins: 6, minCount: 50, chiThreshold: 3.841 };
const spans = (groups: { first: number; last: number }[]) => groups.map((g) => [g.first, g.last]);

// Four fine classes of 100 rows with event rates 10%, 10%, 50%, 50%.
const steps = fineGroups([10, 10, 50, 50], [90, 90, 50, 50]);

test('chi-square of two neighbours matches the 2x2 hand computation', () => {
  // 10/90 vs 50/50: expected events 30 each; chi = 2*(20^2/30) + 2*(20^2/70) = 38.095
  assert.ok(Math.abs(chiSquare(steps[1], steps[2]) - (800 / 30 + 800 / 70)) < 1e-12);
  assert.equal(chiSquare(steps[0], steps[1]), 0);
});

test('chi-merge joins neighbours that do not differ and keeps the significant step', () => {
  assert.deepEqual(spans(chiMerge(steps, limits)), [
    [0, 1],
    [2, 3],
  ]);
});

test('chi-merge respects maxBins even when every step is significant', () => {
  const rising = fineGroups([5, 20, 40, 60, 80], [95, 80, 60, 40, 20]);
  assert.equal(chiMerge(rising, { ...limits, maxBins: 3 }).length, 3);
});

test('monotonic merging removes reversals of the event-rate trend', () => {
  // rates 10%, 30%, 20%, 40%: the 30/20 reversal is merged, leaving 10%, 25%, 40%
  const g = monotonicMerge(fineGroups([10, 30, 20, 40], [90, 70, 80, 60]), limits);
  assert.deepEqual(spans(g), [
    [0, 0],
    [1, 2],
    [3, 3],
  ]);
});

test('tree binning splits where the information value gain is largest, and stops when splits add nothing', () => {
  assert.deepEqual(spans(treeSplit(steps, limits)), [
    [0, 1],
    [2, 3],
  ]);
  assert.equal(treeSplit(steps, { ...limits, maxBins: 2 }).length, 2);
});

test('groups below the minimum size fold into their most similar neighbour', () => {
  // the 10-row middle class (rate 50%) is closer to the right class (60%) than the left (0%)
  const g = enforceMinSize(fineGroups([0, 5, 60], [100, 5, 40]), 50);
  assert.deepEqual(spans(g), [
    [0, 0],
    [1, 2],
  ]);
});
