import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logit, sigmoid } from '../../model/index.js';
import { checkDerivatives } from '../testing/finite-differences.js';
import { GbstObjective } from './gbst-objective.js';
import { lifeTableHazards, toPeriods } from './survival-periods.js';

// Five loans, J = 4 periods of length 1: censored at 2, default at 3, default at 1, survives past the horizon
// with a later default (t = 6), censored at 4.
const time = new Float64Array([2, 3, 1, 6, 4]);
const event = new Float64Array([0, 1, 1, 1, 0]);
const weight = new Float64Array([1, 2, 0.5, 1, 3]);
const J = 4;

function rawScores(n: number): Float64Array {
  return Float64Array.from({ length: n * J }, (_, q) => -2 + 0.37 * Math.sin(q));
}

test('gbst gradients and hessians match finite differences of the weighted likelihood', () => {
  const obj = new GbstObjective({ time, event, weight }, { periods: J, periodLength: 1 });
  let sw = 0;
  for (const w of weight) sw += w;
  assert.deepEqual(checkDerivatives(obj, rawScores(5), sw), []);
});

test('a loan censored at t = 2 contributes survival terms for periods 1..2 and nothing after', () => {
  const obj = new GbstObjective({ time, event }, { periods: J, periodLength: 1 });
  const raw = rawScores(5);
  const gh = new Float32Array(2 * 5 * J);
  obj.gradients(raw, gh);
  for (let j = 0; j < J; j++) {
    const g = gh[2 * j];
    const h = gh[2 * j + 1];
    if (j < 2) {
      const p = sigmoid(raw[j]);
      assert.ok(Math.abs(g - p) < 1e-6, `period ${j + 1}: target 0, gradient h`);
      assert.ok(Math.abs(h - p * (1 - p)) < 1e-6);
    } else {
      assert.equal(g, 0, `period ${j + 1} is outside the risk set`);
      assert.equal(h, 0);
    }
  }
  // The default at t = 3 has target 1 in period 3 only.
  const p3 = sigmoid(raw[J + 2]);
  assert.ok(Math.abs(gh[2 * (J + 2)] - (p3 - 1)) < 1e-6);
  assert.ok(gh[2 * (J + 1)] > 0, 'period 2 of the defaulted loan is a survival term');
});

test('early-censored loans are not counted as defaults, and a default after the horizon is censoring at J', () => {
  const labels = toPeriods(time, event, J, 1);
  assert.deepEqual(Array.from(labels.period), [2, 3, 1, 4, 4]);
  assert.deepEqual(Array.from(labels.event), [0, 1, 1, 0, 0]);
  const h = lifeTableHazards(labels, undefined, J);
  // Period 1: 5 at risk, 1 default; 2: 4 at risk, 0 (the loan censored at 2 is no default); 3: 3 at risk, 1; 4: 2, 0.
  assert.deepEqual(Array.from(h), [1 / 5, 0, 1 / 3, 0]);
  const init = new GbstObjective({ time, event }, { periods: J, periodLength: 1 }).initScores();
  assert.equal(init[0], logit(1 / 5));
  assert.equal(init[2], logit(1 / 3));
  assert.ok(init[1] < -15, 'a period without defaults starts at a very low (but finite) hazard');
});

test('sample weights scale both the gradient and the hessian', () => {
  const raw = rawScores(5);
  const plain = new Float32Array(2 * 5 * J);
  const weighted = new Float32Array(2 * 5 * J);
  new GbstObjective({ time, event }, { periods: J, periodLength: 1 }).gradients(raw, plain);
  new GbstObjective({ time, event, weight }, { periods: J, periodLength: 1 }).gradients(raw, weighted);
  for (let i = 0; i < 5; i++) {
    for (let q = 0; q < 2 * J; q++) {
      const k = 2 * i * J + q;
      assert.ok(Math.abs(weighted[k] - weight[i] * plain[k]) <= 1e-6 * Math.abs(weighted[k]) + 1e-12, `row ${i} entry ${q}`);
    }
  }
});

test('periods of several time units: t = 7 with length 3 is period 3', () => {
  const labels = toPeriods(new Float64Array([7, 0, 3, 3.5]), new Float64Array([1, 1, 0, 0]), 24, 3);
  assert.deepEqual(Array.from(labels.period), [3, 1, 1, 2]);
});
