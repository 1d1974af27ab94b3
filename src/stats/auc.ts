// Area under the ROC curve and Gini for a score where HIGHER means MORE likely to be the event (label 1).
// Tied scores count one half (the Mann-Whitney convention). For a risk score where higher = safer, pass -score.
import { assertSameLength, splitByLabel, sweepDistinctScores } from './score-sweep.js';

/**
 * AUC = P(score of a random positive > score of a random negative) + 0.5 * P(tie).
 * Optional weights are per-row case weights. Rows with a NaN score or label are skipped.
 * Returns NaN when either class is empty (the AUC is undefined there).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (weights) return weightedAuc(scores, labels, weights);
  const split = splitByLabel(scores, labels);
  const nPos = split.positives.length;
  const nNeg = split.negatives.length;
  if (nPos === 0 || nNeg === 0) return NaN;
  let wins = 0;
  sweepDistinctScores(split, (_s, posAt, negAt, _pb, negBelow) => {
    wins += posAt * (negBelow + negAt / 2);
  });
  return wins / nPos / nNeg;
}

/** Gini (accuracy ratio) = 2 * AUC - 1. */
export function gini(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): number {
  return 2 * auc(scores, labels, weights) - 1;
}

function weightedAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, weights: ArrayLike<number>): number {
  assertSameLength('auc', scores, labels);
  assertSameLength('auc weights', scores, weights);
  const rows: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isNaN(scores[i]) && !Number.isNaN(labels[i]) && weights[i] > 0) rows.push(i);
  }
  const order = Uint32Array.from(rows).sort((a, b) => scores[a] - scores[b]);
  let negBelow = 0;
  let wins = 0;
  let totPos = 0;
  let k = 0;
  while (k < order.length) {
    const v = scores[order[k]];
    let posAt = 0;
    let negAt = 0;
    while (k < order.length && scores[order[k]] === v) {
      const r = order[k++];
      if (labels[r] !== 0) posAt += weights[r];
      else negAt += weights[r];
    }
    wins += posAt * (negBelow + negAt / 2);
    negBelow += negAt;
    totPos += posAt;
  }
  if (totPos === 0 || negBelow === 0) return NaN;
  return wins / totPos / negBelow;
}
