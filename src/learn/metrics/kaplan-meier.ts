// Kaplan-Meier estimates as right-continuous step functions: of survival, and of the censoring distribution G
// (the reverse KM) that IPCW metrics divide by. Not a plotting helper; see report/ for curves by score band.
import { RiskError } from '../../core/index.js';

/** value(t) = values[k] for times[k] <= t < times[k+1]; 1 before the first time. */
export interface StepFunction {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/**
 * KM survival of the rows flagged by `event` (non-zero = event). At a time where events and censorings tie, the
 * censored rows are still at risk (events happen first), the usual convention.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>, weights?: ArrayLike<number>): StepFunction {
  if (time.length !== event.length || (weights && weights.length !== time.length)) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'kaplanMeier: time, event and weights differ in length', {
      time: time.length,
      event: event.length,
    });
  }
  const order = sortedByTime(time);
  const times: number[] = [];
  const values: number[] = [];
  let atRisk = 0;
  for (let k = 0; k < order.length; k++) atRisk += weights ? weights[order[k]] : 1;
  let surv = 1;
  let k = 0;
  while (k < order.length) {
    const t = time[order[k]];
    let deaths = 0;
    let leaving = 0;
    while (k < order.length && time[order[k]] === t) {
      const w = weights ? weights[order[k]] : 1;
      if (event[order[k]] !== 0) deaths += w;
      leaving += w;
      k++;
    }
    if (deaths > 0 && atRisk > 0) {
      surv *= 1 - deaths / atRisk;
      times.push(t);
      values.push(surv);
    }
    atRisk -= leaving;
  }
  return { times: Float64Array.from(times), values: Float64Array.from(values) };
}

/**
 * G(t) = P(censoring time > t), the KM of the censoring times. At a tie, the events at t happen first (as in
 * kaplanMeier), so they have left the censoring risk set: G jumps by c(t) / (n(t) - d(t)). This matches R survival's
 * censoring weights (concordance timewt "n/G2") and makes S(t-) * G(t-) = n(t) / n exactly.
 */
export function censoringSurvival(time: ArrayLike<number>, event: ArrayLike<number>): StepFunction {
  const order = sortedByTime(time);
  const times: number[] = [];
  const values: number[] = [];
  let atRisk = order.length;
  let g = 1;
  let k = 0;
  while (k < order.length) {
    const t = time[order[k]];
    let deaths = 0;
    let censored = 0;
    while (k < order.length && time[order[k]] === t) {
      if (event[order[k]] !== 0) deaths++;
      else censored++;
      k++;
    }
    if (censored > 0) {
      g *= 1 - censored / (atRisk - deaths);
      times.push(t);
      values.push(g);
    }
    atRisk -= deaths + censored;
  }
  return { times: Float64Array.from(times), values: Float64Array.from(values) };
}

/** Right-continuous value at t (includes a jump at t). */
export function stepValueAt(f: StepFunction, t: number): number {
  const k = lastIndexAtOrBelow(f.times, t);
  return k < 0 ? 1 : f.values[k];
}

/** Left limit at t (excludes a jump at t): G(T-) is the chance of still being uncensored when T arrives. */
export function stepValueBefore(f: StepFunction, t: number): number {
  let k = lastIndexAtOrBelow(f.times, t);
  if (k >= 0 && f.times[k] === t) k--;
  return k < 0 ? 1 : f.values[k];
}

function lastIndexAtOrBelow(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Row indices ordered by ascending time (stable). */
export function sortedByTime(time: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(time.length);
  for (let i = 0; i < order.length; i++) {
    if (!Number.isFinite(time[i])) {
      throw new RiskError('LEARN_TIME_INVALID', `time of row ${i} is not a finite number`, { row: i });
    }
    order[i] = i;
  }
  return order.sort((a, b) => time[a] - time[b] || a - b);
}
