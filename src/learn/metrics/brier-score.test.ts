import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brierScoreAt, integratedBrierScore } from './brier-score.js';
import { censoringSurvival } from './kaplan-meier.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);
const training = censoringSurvival([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);
const time = [1, 3, 5, 6];
const event = [1, 1, 1, 0];

test('IPCW Brier at t (Graf): events by t weigh 1/G(T-), rows past t weigh 1/G(t) (hand-computed 0.16)', () => {
  // 1/4 * (0.2^2/1 + 0.5^2/0.75 + 0.1^2/0.375 + 0.3^2/0.375) = 0.16
  close(brierScoreAt([0.2, 0.5, 0.9, 0.7], time, event, 4, training), 0.16);
});

test('a row censored before t adds nothing but still counts in n', () => {
  const bs = brierScoreAt([0.2, 0.5], [1, 1.2], [1, 0], 1.5, training);
  close(bs, (0.2 * 0.2) / 2);
});

test('integrated Brier is the trapezoid average over the grid', () => {
  const s1 = [0.5, 0.9, 0.95, 0.9];
  const s4 = [0.2, 0.5, 0.9, 0.7];
  const b1 = brierScoreAt(s1, time, event, 1, training);
  close(integratedBrierScore([s1, s4], [1, 4], time, event, training), (b1 + 0.16) / 2);
});
