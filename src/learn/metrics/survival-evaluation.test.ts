import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateSurvival } from './survival-evaluation.js';
import { censoringSurvival } from './kaplan-meier.js';
import { cumulativeDynamicAuc, perPeriodAuc } from './time-dependent-auc.js';
import { brierScoreAt } from './brier-score.js';
import { RiskError } from '../../core/index.js';

const time = [1, 3, 5, 6, 2, 4];
const event = [1, 1, 1, 0, 0, 1];
const risk = [1, 3, 2, 0, 0.5, 2.5];
const grid = [2, 4];
const survival = grid.map((t) => risk.map((r) => Math.exp(-0.1 * t * Math.exp(r))));

test('evaluateSurvival gathers the per-horizon metrics computed by the single functions', () => {
  const training = censoringSurvival([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);
  const ends = [1, 2, 3];
  const atEnds = ends.map((t) => risk.map((r) => Math.exp(-0.1 * t * Math.exp(r))));
  const m = evaluateSurvival({ risk, grid, survival, periods: { ends, survival: atEnds } }, { time, event }, { horizons: [4], censoring: training });
  const s4 = survival[1];
  assert.equal(m.byHorizon[0].auc, cumulativeDynamicAuc(s4.map((v) => 1 - v), time, event, 4, training));
  assert.equal(m.byHorizon[0].brier, brierScoreAt(s4, time, event, 4, training));
  // The mean period AUC is taken at the period ends, not on the grid.
  const periods = perPeriodAuc(atEnds, ends, time, event);
  assert.equal(m.meanPeriodAuc, (periods[0] + periods[1] + periods[2]) / 3);
  const onGrid = perPeriodAuc(survival, grid, time, event);
  assert.notEqual(m.meanPeriodAuc, (onGrid[0] + onGrid[1]) / 2);
  assert.equal(evaluateSurvival({ risk, grid, survival }, { time, event }, { horizons: [4] }).meanPeriodAuc, undefined, 'no periods, no mean period AUC');
  assert.equal(m.censoringFrom, 'training');
  assert.equal(m.tau, 4);
  assert.equal(m.events, 4);
});

test('a horizon missing from the grid is an error; without training data the test censoring is used', () => {
  assert.throws(
    () => evaluateSurvival({ risk, grid, survival }, { time, event }, { horizons: [3] }),
    (e: unknown) => e instanceof RiskError && e.code === 'LEARN_HORIZON_MISSING',
  );
  assert.equal(evaluateSurvival({ risk, grid, survival }, { time, event }, { horizons: [2] }).censoringFrom, 'test');
});
