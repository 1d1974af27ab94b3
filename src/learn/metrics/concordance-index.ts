// Harrell's and Uno's concordance indices for a risk score where HIGHER = EARLIER EVENT.
// A pair (i, j) is comparable when i has an event and j outlives it: T_j > T_i, or T_j = T_i with j censored
// (a row censored at t was still at risk at t). Two events at the same time are not comparable. Tied risk counts 1/2.
import { RiskError } from '../../core/index.js';
import { FenwickTree } from './fenwick-tree.js';
import { sortedByTime, stepValueBefore, type StepFunction } from './kaplan-meier.js';

export interface ConcordanceResult {
  readonly cIndex: number;
  /** Weighted pair counts (plain counts for Harrell's C). */
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedRisk: number;
  readonly comparable: number;
}

export function harrellC(risk: ArrayLike<number>, time: ArrayLike<number>, event: ArrayLike<number>): ConcordanceResult {
  return countConcordance(risk, time, event, () => 1, Infinity);
}

/**
 * Uno's C (Uno et al. 2011): each comparable pair whose earlier time T_i < tau is weighted by 1 / G(T_i-)^2, where G is
 * the Kaplan-Meier of the censoring distribution, estimated on the TRAINING data (`censoring`). Pairs whose G is 0
 * carry no weight. tau defaults to no truncation; choose one where G is not tiny.
 */
export function unoC(
  risk: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  censoring: StepFunction,
  tau = Infinity,
): ConcordanceResult {
  return countConcordance(
    risk,
    time,
    event,
    (i) => {
      const g = stepValueBefore(censoring, time[i]);
      return g > 0 ? 1 / (g * g) : 0;
    },
    tau,
  );
}

function countConcordance(
  risk: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  weightOf: (row: number) => number,
  tau: number,
): ConcordanceResult {
  if (risk.length !== time.length || time.length !== event.length) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'concordance: risk, time and event differ in length', {
      risk: risk.length,
      time: time.length,
    });
  }
  const ranks = riskRanks(risk);
  const later = new FenwickTree(ranks.distinct);
  const order = sortedByTime(time);
  let concordant = 0;
  let discordant = 0;
  let tied = 0;
  // Walk distinct times from the latest down; `later` holds every row that outlives the current time.
  let end = order.length;
  while (end > 0) {
    const t = time[order[end - 1]];
    let start = end - 1;
    while (start > 0 && time[order[start - 1]] === t) start--;
    for (let k = start; k < end; k++) if (event[order[k]] === 0) later.add(ranks.rank[order[k]], 1);
    if (t < tau) {
      for (let k = start; k < end; k++) {
        const i = order[k];
        if (event[i] === 0) continue;
        const w = weightOf(i);
        if (w === 0) continue;
        const r = ranks.rank[i];
        const below = later.sumBelow(r);
        const at = later.sumAt(r);
        concordant += w * below;
        tied += w * at;
        discordant += w * (later.sumAll() - below - at);
      }
    }
    for (let k = start; k < end; k++) if (event[order[k]] !== 0) later.add(ranks.rank[order[k]], 1);
    end = start;
  }
  const comparable = concordant + discordant + tied;
  return {
    cIndex: comparable > 0 ? (concordant + tied / 2) / comparable : NaN,
    concordant,
    discordant,
    tiedRisk: tied,
    comparable,
  };
}

function riskRanks(risk: ArrayLike<number>): { rank: Uint32Array; distinct: number } {
  const sorted = Float64Array.from(risk).sort();
  if (sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1])) {
    throw new RiskError('LEARN_PREDICTION_INVALID', 'risk scores contain NaN', {});
  }
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k];
  const values = sorted.subarray(0, distinct);
  const rank = new Uint32Array(risk.length);
  for (let i = 0; i < risk.length; i++) {
    let lo = 0;
    let hi = distinct;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] < risk[i]) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, distinct };
}
