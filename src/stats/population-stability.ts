// Population stability index between an expected (development) and an actual (recent) distribution.
// PSI = sum over bins of (a - e) * ln(a / e) on shares; < 0.1 stable, 0.1-0.25 watch, > 0.25 shifted (rule of thumb).
import { assertSameLength } from './score-sweep.js';
import { binCounts, quantileBins } from './quantile-bins.js';

/** Shares below this floor are raised to it, so an empty bin adds a large but finite term. */
export const PSI_SHARE_FLOOR = 1e-4;

/** PSI from per-bin counts (or shares) of the two populations. Bins empty in both are ignored. */
export function psi(expectedCounts: ArrayLike<number>, actualCounts: ArrayLike<number>): number {
  assertSameLength('psi', expectedCounts, actualCounts);
  let totE = 0;
  let totA = 0;
  for (let i = 0; i < expectedCounts.length; i++) {
    totE += expectedCounts[i];
    totA += actualCounts[i];
  }
  if (totE === 0 || totA === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < expectedCounts.length; i++) {
    if (expectedCounts[i] === 0 && actualCounts[i] === 0) continue;
    const e = Math.max(expectedCounts[i] / totE, PSI_SHARE_FLOOR);
    const a = Math.max(actualCounts[i] / totA, PSI_SHARE_FLOOR);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/**
 * PSI of two raw samples on shared bins: equal-frequency cuts taken from the expected sample (nBins, default 10),
 * plus a bin for NaN (missing) values.
 */
export function psiOfSamples(expected: ArrayLike<number>, actual: ArrayLike<number>, nBins = 10): number {
  const cuts = quantileBins(expected, nBins);
  return psi(binCounts(expected, cuts), binCounts(actual, cuts));
}
