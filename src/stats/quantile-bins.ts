// Equal-frequency cut points and bin lookup. Bins are upper-inclusive: bin i holds (cuts[i-1], cuts[i]],
// the last bin holds everything above the last cut. NaN has no bin (binIndex returns -1).

/**
 * Up to nBins-1 ascending, distinct cut points splitting the finite values into bins of about equal count.
 * Heavy ties merge bins, so fewer bins than asked is normal. Returns [] for fewer than two distinct values.
 */
export function quantileBins(values: ArrayLike<number>, nBins: number): Float64Array {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  const sorted = new Float64Array(finite);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) sorted[k++] = values[i];
  sorted.sort();
  const n = sorted.length;
  const cuts: number[] = [];
  if (n === 0) return new Float64Array(0);
  const max = sorted[n - 1];
  for (let q = 1; q < nBins; q++) {
    const at = Math.ceil((q * n) / nBins) - 1;
    const cut = sorted[Math.max(0, Math.min(n - 1, at))];
    // A cut at the maximum would leave an empty top bin; equal cuts would leave empty middle bins.
    if (cut < max && (cuts.length === 0 || cut > cuts[cuts.length - 1])) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

/** Index of the bin holding `value` (0..cuts.length), or -1 for NaN. Binary search. */
export function binIndex(value: number, cuts: ArrayLike<number>): number {
  if (Number.isNaN(value)) return -1;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Row counts per bin; NaN values go to an extra last slot (index cuts.length + 1). */
export function binCounts(values: ArrayLike<number>, cuts: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(cuts.length + 2);
  for (let i = 0; i < values.length; i++) {
    const b = binIndex(values[i], cuts);
    counts[b < 0 ? cuts.length + 1 : b]++;
  }
  return counts;
}
