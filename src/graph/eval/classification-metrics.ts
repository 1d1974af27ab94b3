// Metrics for a binary classifier on an evaluation split: AUC (from stats), and at a threshold chosen on another
// split (the one maximising macro-F1 there) the macro-F1 and the recall of the positive class.

import { auc } from '../../stats/index.js';

export interface ClassifierMetrics {
  readonly auc: number;
  readonly macroF1: number;
  readonly recall: number;
  readonly threshold: number;
}

export function macroF1At(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): { macroF1: number; recall: number } {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i] >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const f1 = (t: number, f: number, m: number): number => (t === 0 ? 0 : (2 * t) / (2 * t + f + m));
  return { macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2, recall: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

/** The threshold (one of the scores) with the best macro-F1 on the tuning rows. */
export function bestThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const candidates = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  let best = 0.5;
  let bestF1 = -1;
  const step = Math.max(1, Math.floor(candidates.length / 400));
  for (let i = 0; i < candidates.length; i += step) {
    const { macroF1 } = macroF1At(scores, labels, candidates[i]);
    if (macroF1 > bestF1) {
      bestF1 = macroF1;
      best = candidates[i];
    }
  }
  return best;
}

export function evaluateClassifier(
  tune: { scores: ArrayLike<number>; labels: ArrayLike<number> },
  test: { scores: ArrayLike<number>; labels: ArrayLike<number> },
): ClassifierMetrics {
  const threshold = bestThreshold(tune.scores, tune.labels);
  return { auc: auc(test.scores, test.labels), ...macroF1At(test.scores, test.labels, threshold), threshold };
}
