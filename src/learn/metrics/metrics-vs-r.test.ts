// Our survival metrics against R on the same 80 rows (times 1..12 with many ties, risk with ties).
// Reference values were computed ONCE here with R 4 (Debian r-cran-survival 3.5-3, r-cran-riskregression 2022.11.28)
// and hard-coded; the test does not run R. Scripts used:
//   concordance(Surv(time, status) ~ risk, reverse = TRUE)                      -> Harrell's C
//   concordance(..., timewt = "n/G2")  and  (..., timewt = "n/G2", ymax = 6)    -> Uno's C (G from these same rows)
//   Score(list(m = 1 - S), Surv(time, status) ~ 1, times = c(3, 6), metrics = c("auc", "brier"), cens.model = "km")
//   with S(t | risk) = exp(-0.1 * t * exp(risk))                                -> IPCW AUC(t) and Brier(t)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harrellC, unoC } from './concordance-index.js';
import { censoringSurvival, kaplanMeier, stepValueAt } from './kaplan-meier.js';
import { cumulativeDynamicAuc } from './time-dependent-auc.js';
import { brierScoreAt } from './brier-score.js';

const TIME = [5, 2, 1, 7, 2, 5, 4, 12, 4, 1, 3, 12, 2, 5, 9, 12, 1, 1, 1, 3, 12, 12, 2, 8, 1, 4, 3, 1, 12, 3, 2, 4, 1, 12, 5, 1, 1, 1, 7, 1, 1, 1, 3, 8, 3, 6, 5, 1, 2, 1, 2, 2, 3, 4, 12, 5, 5, 1, 3, 1, 10, 3, 3, 6, 3, 12, 12, 9, 3, 1, 5, 3, 2, 5, 4, 5, 3, 11, 5, 7];
const STATUS = [0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0];
const RISK = [-1.25, 0.5, -0.5, 0, 0.25, 0, 1, -0.5, 0, 0.75, -0.25, -0.75, -0.5, -1.5, -0.25, -0.25, 3, 1, 0.25, 0.25, -1, -0.5, 0.25, -1.25, -0.75, 0, -0.25, 0.25, -0.25, 0, 0.75, -0.5, 1.25, -0.75, 1, -0.75, 1, 0.5, -1.5, 0.75, -0.25, -2.5, 0, -0.5, 1.5, 1.25, 1, -0.75, -0.75, -0.25, 1, 0.25, -1, -1, -0.75, 2, -3.25, -0.75, -1.75, 0, 0, 0, 0.75, 1, -0.25, -1, 0.75, -0.25, -0.5, 0.5, 0.75, 0.5, -1.5, 0.5, 0.5, -0.5, 0.25, 1.5, 0.5, -1];

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);
const G = censoringSurvival(TIME, STATUS);

test("harrell's C and its pair counts equal R survival's concordance()", () => {
  const r = harrellC(RISK, TIME, STATUS);
  assert.deepEqual([r.concordant, r.discordant, r.tiedRisk], [1226, 724, 150]);
  close(r.cIndex, 0.61952380952381);
});

test("uno's C equals R's timewt = 'n/G2' (G from the same rows); our tau is strict, R's ymax inclusive", () => {
  close(unoC(RISK, TIME, STATUS, G).cIndex, 0.63790799943083);
  close(unoC(RISK, TIME, STATUS, G, 6.5).cIndex, 0.636961234155648);
});

test('kaplan-meier equals R survfit', () => {
  const km = kaplanMeier(TIME, STATUS);
  close(stepValueAt(km, 3), 0.6151088, 1e-7); // R printed 7 digits
  close(stepValueAt(km, 6), 0.3578981, 1e-7);
});

test('IPCW cumulative/dynamic AUC and Brier at 3 and 6 equal riskRegression::Score', () => {
  const expected: Record<number, [number, number]> = { 3: [0.609955650875936, 0.261072869193496], 6: [0.770197854189185, 0.216567365735031] };
  for (const t of [3, 6]) {
    const s = RISK.map((r) => Math.exp(-0.1 * t * Math.exp(r)));
    close(cumulativeDynamicAuc(s.map((v) => 1 - v), TIME, STATUS, t, G), expected[t][0]);
    close(brierScoreAt(s, TIME, STATUS, t, G), expected[t][1]);
  }
});
