// Brier score at a horizon with inverse-probability-of-censoring weights (Graf et al. 1999), and its integral.
// Lower is better; a useless model that predicts the overall KM for everyone sets the bar.
import { RiskError } from '../../core/index.js';
import { stepValueAt, stepValueBefore, type StepFunction } from './kaplan-meier.js';

/**
 * BS(t) = 1/n * sum_i [ S_i(t)^2 * 1(T_i <= t, event) / G(T_i-) + (1 - S_i(t))^2 * 1(T_i > t) / G(t) ].
 * Rows censored by t contribute 0 but still count in n; that is what the weights correct for.
 */
export function brierScoreAt(
  survivalAtT: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  t: number,
  censoring: StepFunction,
): number {
  if (survivalAtT.length !== time.length || time.length !== event.length) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'brierScoreAt: inputs differ in length', { n: time.length });
  }
  const gT = stepValueAt(censoring, t);
  let sum = 0;
  for (let i = 0; i < time.length; i++) {
    const s = survivalAtT[i];
    if (time[i] <= t) {
      if (event[i] === 0) continue;
      const g = stepValueBefore(censoring, time[i]);
      if (g > 0) sum += (s * s) / g;
    } else if (gT > 0) {
      sum += ((1 - s) * (1 - s)) / gT;
    }
  }
  return sum / time.length;
}

/**
 * IBS = 1/(t_last - t_first) * integral of BS(t) over [t_first, t_last], trapezoid rule on the given grid
 * (the grid of the survival columns). Needs at least two grid times.
 */
export function integratedBrierScore(
  survivalByTime: readonly ArrayLike<number>[],
  grid: readonly number[],
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  censoring: StepFunction,
): number {
  if (grid.length < 2 || survivalByTime.length !== grid.length) {
    throw new RiskError('LEARN_GRID_INVALID', 'integratedBrierScore needs one survival column per grid time, two or more', {
      grid: grid.length,
      columns: survivalByTime.length,
    });
  }
  const bs = grid.map((t, k) => brierScoreAt(survivalByTime[k], time, event, t, censoring));
  let area = 0;
  for (let k = 1; k < grid.length; k++) area += ((bs[k] + bs[k - 1]) / 2) * (grid[k] - grid[k - 1]);
  return area / (grid[grid.length - 1] - grid[0]);
}
