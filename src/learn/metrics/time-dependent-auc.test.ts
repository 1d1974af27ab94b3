import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cumulativeDynamicAuc, perPeriodAuc, statusAt, survivalFromHazards } from './time-dependent-auc.js';
import { censoringSurvival } from './kaplan-meier.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);
const training = censoringSurvival([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);

test('status at t: event by t, event-free after t, unknown if censored by t', () => {
  assert.deepEqual(Array.from(statusAt([1, 3, 5, 2], [1, 1, 0, 0], 3)), [1, 1, 0, NaN]);
});

test('cumulative/dynamic AUC weights cases by 1/G(T_i-) (hand-computed 11/14)', () => {
  // t=4: cases T=1 (w 1, beats 1 of 2 controls) and T=3 (w 4/3, beats both); controls T=5, T=6
  close(cumulativeDynamicAuc([1, 3, 2, 0], [1, 3, 5, 6], [1, 1, 1, 0], 4, training), 11 / 14);
});

test('survival from per-period hazards is the product of (1 - h), not of h', () => {
  const s = survivalFromHazards([
    [0.6, 0.3],
    [0.1, 0.3],
  ]);
  close(s[0][0], 0.4);
  close(s[1][0], 0.36);
  close(s[1][1], 0.49);
});

test('per-period AUC ranks by predicted survival; a product of hazards would rank these two the wrong way', () => {
  // row A: hazards 0.6 then 0.1 (S2 = 0.36), defaults in period 2; row D: 0.3 then 0.3 (S2 = 0.49), survives.
  // The product of hazards (0.06 vs 0.09) would call D riskier and give AUC 0 at period 2.
  const hazards = [
    [0.6, 0.3, 0.8],
    [0.1, 0.3, 0.2],
  ];
  const surv = survivalFromHazards(hazards);
  // row C (third) is censored at 1: unknown at period 2, excluded; at period 1 it is a control.
  const auc = perPeriodAuc(surv, [1, 2], [2, 5, 1], [1, 0, 0]);
  assert.ok(Number.isNaN(auc[0])); // no cases by period 1
  assert.equal(auc[1], 1);
  const withEarlyCase = perPeriodAuc(surv, [1, 2], [2, 5, 1], [1, 0, 1]);
  // period 1: case C (1-S1 = 0.8) vs controls A (0.4) and D (0.7): AUC 1
  assert.equal(withEarlyCase[0], 1);
});
