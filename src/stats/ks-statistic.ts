// Kolmogorov-Smirnov separation between the score distributions of events (label 1) and non-events (label 0):
// max over thresholds of |F_event(t) - F_nonevent(t)|. Direction-free, tie-aware (thresholds only between values).
import { splitByLabel, sweepDistinctScores } from './score-sweep.js';

export interface KsResult {
  /** The statistic, in [0, 1]. */
  readonly ks: number;
  /** The score at which it is reached: rows with score <= threshold are on the lower side. */
  readonly threshold: number;
}

/** Returns {ks: NaN, threshold: NaN} when either class is empty. Rows with a NaN score or label are skipped. */
export function ksTest(scores: ArrayLike<number>, labels: ArrayLike<number>): KsResult {
  const split = splitByLabel(scores, labels);
  const nPos = split.positives.length;
  const nNeg = split.negatives.length;
  if (nPos === 0 || nNeg === 0) return { ks: NaN, threshold: NaN };
  let best = 0;
  let threshold = NaN;
  sweepDistinctScores(split, (score, posAt, negAt, posBelow, negBelow) => {
    const gap = Math.abs((posBelow + posAt) / nPos - (negBelow + negAt) / nNeg);
    if (gap > best + 1e-12) { // float noise must not move the threshold between equal gaps
      best = gap;
      threshold = score;
    }
  });
  return { ks: best, threshold };
}

export function ksStatistic(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return ksTest(scores, labels).ks;
}
