// Discrimination at a horizon t for survival predictions. Cases: events by t (T <= t, event). Controls: still
// event-free after t (T > t). Rows censored by t have unknown status at t and are left out (or re-weighted, with IPCW).
import { auc } from '../../stats/index.js';
import { RiskError } from '../../core/index.js';
import { stepValueBefore, type StepFunction } from './kaplan-meier.js';

/** 1 = event by t, 0 = event-free past t, NaN = censored by t (status unknown). */
export function statusAt(time: ArrayLike<number>, event: ArrayLike<number>, t: number): Float64Array {
  const label = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    if (time[i] > t) label[i] = 0;
    else label[i] = event[i] !== 0 ? 1 : NaN;
  }
  return label;
}

/**
 * Cumulative/dynamic AUC(t) with inverse-probability-of-censoring weights (Uno et al. 2007; Hung & Chiang 2010):
 * each case is weighted 1 / G(T_i-), G the censoring KM from the training data; controls share the weight 1 / G(t),
 * which cancels. `riskAtT` is higher = more likely an event by t (e.g. 1 - S(t|x), or a time-free risk score).
 */
export function cumulativeDynamicAuc(
  riskAtT: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  t: number,
  censoring: StepFunction,
): number {
  checkLengths(riskAtT, time, event);
  const labels = statusAt(time, event, t);
  const weights = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    if (labels[i] === 1) {
      const g = stepValueBefore(censoring, time[i]);
      weights[i] = g > 0 ? 1 / g : 0;
    } else if (labels[i] === 0) weights[i] = 1;
  }
  return auc(riskAtT, labels, weights);
}

/**
 * Per-period AUC as GBST defines it, defined correctly. For each period t the binary outcome is "still event-free
 * after t" and the score is the predicted survival S(t|x) = prod over periods k <= t of (1 - h_k(x)) -- a product of
 * SURVIVAL probabilities, not of hazards. Rows censored by t are left out rather than counted as failures. Returned as
 * AUC of (1 - S(t|x)) for the event, which equals AUC of S(t|x) for survival.
 */
export function perPeriodAuc(
  survivalByPeriod: readonly ArrayLike<number>[],
  periods: readonly number[],
  time: ArrayLike<number>,
  event: ArrayLike<number>,
): Float64Array {
  if (survivalByPeriod.length !== periods.length) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'perPeriodAuc: one survival column per period is needed', {
      columns: survivalByPeriod.length,
      periods: periods.length,
    });
  }
  const out = new Float64Array(periods.length);
  for (let k = 0; k < periods.length; k++) {
    const s = survivalByPeriod[k];
    checkLengths(s, time, event);
    const risk = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) risk[i] = 1 - s[i];
    out[k] = auc(risk, statusAt(time, event, periods[k]));
  }
  return out;
}

/** S(t_k|x) for each period from per-period hazards: the running product of (1 - h). */
export function survivalFromHazards(hazardsByPeriod: readonly ArrayLike<number>[]): Float64Array[] {
  const out: Float64Array[] = [];
  let running: Float64Array | null = null;
  for (const h of hazardsByPeriod) {
    const next = new Float64Array(h.length);
    for (let i = 0; i < h.length; i++) next[i] = (running ? running[i] : 1) * (1 - h[i]);
    out.push(next);
    running = next;
  }
  return out;
}

function checkLengths(a: ArrayLike<number>, time: ArrayLike<number>, event: ArrayLike<number>): void {
  if (a.length !== time.length || time.length !== event.length) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'predictions, time and event differ in length', {
      predictions: a.length,
      time: time.length,
      event: event.length,
    });
  }
}
