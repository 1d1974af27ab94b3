import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harrellC, unoC } from './concordance-index.js';
import { censoringSurvival } from './kaplan-meier.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);

test("harrell's C counts pairs whose earlier time is an event", () => {
  assert.equal(harrellC([4, 3, 2, 1], [1, 2, 3, 4], [1, 1, 0, 1]).cIndex, 1);
  // row 0 beats 3 later rows; row 1 (risk 1) loses to both rows after it: 3 of 5
  const r = harrellC([4, 1, 2, 3], [1, 2, 3, 4], [1, 1, 0, 1]);
  assert.equal(r.comparable, 5);
  close(r.cIndex, 0.6);
});

test("harrell's C: tied event times are not comparable, a censoring at the same time is, tied risk is 1/2", () => {
  // events at 2 (risk 3 and 1), censored at 2 (risk 3) and at 5 (risk 2):
  // row0 vs row2 tie, vs row3 concordant; row1 vs row2 and row3 discordant -> (1 + 0.5) / 4
  const r = harrellC([3, 1, 3, 2], [2, 2, 2, 5], [1, 1, 0, 0]);
  assert.equal(r.comparable, 4);
  assert.equal(r.tiedRisk, 1);
  close(r.cIndex, 0.375);
});

// Censoring KM of the training rows: G(t-) = 1 up to 2, 0.75 up to 4, 0.375 after.
const training = censoringSurvival([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);

test("uno's C weights each comparable pair by 1/G(T_i-)^2 from the training censoring (hand-computed 35/41)", () => {
  // pairs from T=1 (w 1): 1 concordant, 2 discordant; T=3 (w 16/9): 2 concordant; T=5 (w 64/9): 1 concordant
  const risk = [1, 3, 2, 0];
  const time = [1, 3, 5, 6];
  const event = [1, 1, 1, 0];
  close(unoC(risk, time, event, training).cIndex, 35 / 41);
  close(harrellC(risk, time, event).cIndex, 4 / 6);
});

test("uno's C truncation tau drops pairs whose earlier time is at or after tau", () => {
  close(unoC([1, 3, 2, 0], [1, 3, 5, 6], [1, 1, 1, 0], training, 4).cIndex, 41 / 59);
});
