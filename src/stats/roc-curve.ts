// ROC and KS curve points for charts: one point per distinct score, from the highest threshold down.
// Same direction convention as auc(): higher score = more likely the event.
import { splitByLabel, sweepDistinctScores } from './score-sweep.js';

export interface RocCurve {
  /** Thresholds, descending; point k counts rows with score >= thresholds[k] as flagged. Starts at (0,0). */
  readonly thresholds: Float64Array;
  readonly falsePositiveRate: Float64Array;
  readonly truePositiveRate: Float64Array;
}

export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocCurve {
  const split = splitByLabel(scores, labels);
  const nPos = split.positives.length;
  const nNeg = split.negatives.length;
  const values: number[] = [];
  const posAtOrAbove: number[] = [];
  const negAtOrAbove: number[] = [];
  sweepDistinctScores(split, (score, _posAt, _negAt, posBelow, negBelow) => {
    values.push(score);
    posAtOrAbove.push(nPos - posBelow);
    negAtOrAbove.push(nNeg - negBelow);
  });
  const m = values.length;
  const thresholds = new Float64Array(m + 1);
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  thresholds[0] = Infinity;
  for (let k = 0; k < m; k++) {
    const src = m - 1 - k;
    thresholds[k + 1] = values[src];
    fpr[k + 1] = nNeg > 0 ? negAtOrAbove[src] / nNeg : NaN;
    tpr[k + 1] = nPos > 0 ? posAtOrAbove[src] / nPos : NaN;
  }
  return { thresholds, falsePositiveRate: fpr, truePositiveRate: tpr };
}

/** Keeps at most `maxPoints` roughly evenly spaced points (always the ends) so a chart stays small. */
export function thinCurve<T extends { [K in keyof T]: Float64Array }>(curve: T, maxPoints: number): T {
  const first = Object.values(curve)[0] as Float64Array;
  const n = first.length;
  if (n <= maxPoints) return curve;
  const keep: number[] = [];
  for (let k = 0; k < maxPoints; k++) keep.push(Math.round((k * (n - 1)) / (maxPoints - 1)));
  const out: Record<string, Float64Array> = {};
  for (const [key, arr] of Object.entries(curve)) out[key] = Float64Array.from(keep, (i) => (arr as Float64Array)[i]);
  return out as T;
}
