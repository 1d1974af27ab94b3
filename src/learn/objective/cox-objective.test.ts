import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDerivatives } from '../testing/finite-differences.js';
import { CoxObjective } from './cox-objective.js';

// Ties at t = 3 (two events and a censoring) exercise Breslow's shared denominator.
const time = new Float64Array([5, 3, 3, 8, 3, 1, 6, 2]);
const event = new Float64Array([1, 1, 1, 0, 0, 1, 0, 1]);

test('cox partial-likelihood gradients and diagonal hessians match finite differences (Breslow ties)', () => {
  const obj = new CoxObjective({ time, event });
  const raw = Float64Array.from({ length: 8 }, (_, i) => 0.3 * Math.cos(i));
  assert.deepEqual(checkDerivatives(obj, raw, 5), []);
});

test('weighted cox derivatives match finite differences', () => {
  const weight = new Float64Array([1, 2, 0.5, 1, 3, 1, 2, 1]);
  const obj = new CoxObjective({ time, event, weight });
  const raw = Float64Array.from({ length: 8 }, (_, i) => 0.2 * i - 0.5);
  const eventWeight = 1 + 2 + 0.5 + 1 + 1;
  assert.deepEqual(checkDerivatives(obj, raw, eventWeight), []);
});

test('the Breslow baseline with zero scores is the Nelson–Aalen estimate', () => {
  const obj = new CoxObjective({ time, event });
  const b = obj.baseline(new Float64Array(8));
  assert.deepEqual(b.times, [1, 2, 3, 5]);
  // At risk: t=1: 8, t=2: 7, t=3: 6 (2 events), t=5: 3.
  const expected = [1 / 8, 1 / 8 + 1 / 7, 1 / 8 + 1 / 7 + 2 / 6, 1 / 8 + 1 / 7 + 2 / 6 + 1 / 3];
  b.cumulativeHazard.forEach((h, i) => assert.ok(Math.abs(h - expected[i]) < 1e-12));
});
