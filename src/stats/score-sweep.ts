// Splits scores by a 0/1 label into two sorted arrays and walks their distinct values in ascending order.
// The shared engine under AUC, KS and ROC points; ties are handled by visiting each distinct score once.
import { RiskError } from '../core/index.js';

export interface LabelledScores {
  /** Scores of rows labelled positive (label 1: the event, e.g. default), ascending. */
  readonly positives: Float64Array;
  /** Scores of rows labelled negative (label 0), ascending. */
  readonly negatives: Float64Array;
}

export function assertSameLength(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new RiskError('STATS_LENGTH_MISMATCH', `${what}: inputs differ in length (${a.length} vs ${b.length})`, {
      left: a.length,
      right: b.length,
    });
  }
}

/** Rows whose score or label is NaN are skipped; any non-zero label counts as positive. */
export function splitByLabel(scores: ArrayLike<number>, labels: ArrayLike<number>): LabelledScores {
  assertSameLength('splitByLabel', scores, labels);
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]) || Number.isNaN(labels[i])) continue;
    if (labels[i] !== 0) nPos++;
    else nNeg++;
  }
  const positives = new Float64Array(nPos);
  const negatives = new Float64Array(nNeg);
  let p = 0;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (Number.isNaN(s) || Number.isNaN(labels[i])) continue;
    if (labels[i] !== 0) positives[p++] = s;
    else negatives[n++] = s;
  }
  // Typed-array sort is numeric and much faster than sorting an index array with a comparator.
  positives.sort();
  negatives.sort();
  return { positives, negatives };
}

/**
 * Calls `visit` once per distinct score, ascending, with how many positives and negatives share that score and
 * how many of each lie strictly below it.
 */
export function sweepDistinctScores(
  split: LabelledScores,
  visit: (score: number, posAt: number, negAt: number, posBelow: number, negBelow: number) => void,
): void {
  const { positives, negatives } = split;
  let i = 0;
  let j = 0;
  while (i < positives.length || j < negatives.length) {
    const v =
      i >= positives.length ? negatives[j] : j >= negatives.length ? positives[i] : Math.min(positives[i], negatives[j]);
    const posBelow = i;
    const negBelow = j;
    while (i < positives.length && positives[i] === v) i++;
    while (j < negatives.length && negatives[j] === v) j++;
    visit(v, i - posBelow, j - negBelow, posBelow, negBelow);
  }
}
