import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logit } from '../../model/index.js';
import { checkDerivatives } from '../testing/finite-differences.js';
import { LogisticObjective } from './logistic-objective.js';

test('binary log-loss gradients and hessians match finite differences, with weights', () => {
  const target = new Float64Array([0, 1, 1, 0, 1, 0]);
  const weight = new Float64Array([1, 2, 0.5, 4, 1, 1]);
  const obj = new LogisticObjective({ target, weight });
  const raw = Float64Array.from({ length: 6 }, (_, i) => -1.5 + 0.7 * i);
  assert.deepEqual(checkDerivatives(obj, raw, 9.5), []);
});

test('the initial score is the log-odds of the weighted target mean', () => {
  const obj = new LogisticObjective({ target: new Float64Array([1, 0, 0, 0]), weight: new Float64Array([3, 1, 1, 1]) });
  assert.equal(obj.initScores()[0], logit(0.5));
});
