// Row and column subsampling per boosting round, from seeded streams so a seed fixes the whole model.
import { Random } from '../../core/index.js';

/**
 * Writes this round's sample of n candidate rows (ascending) into rows and returns how many; all of them when
 * fraction = 1. Candidates are rows 0..n−1, or from[0..n−1] (e.g. the rows at risk in one period).
 */
export function sampleRows(rows: Int32Array, n: number, fraction: number, random: Random, from: Int32Array | null = null): number {
  if (fraction >= 1) {
    for (let r = 0; r < n; r++) rows[r] = from ? from[r] : r;
    return n;
  }
  if (n === 0) return 0;
  let count = 0;
  for (let r = 0; r < n; r++) if (random.next() < fraction) rows[count++] = from ? from[r] : r;
  if (count === 0) {
    const r = random.int(n);
    rows[count++] = from ? from[r] : r;
  }
  return count;
}

/**
 * The seed of output k's own sampling streams when each output grows its own trees (GBST variant B): period k's
 * trees draw rows and columns exactly as a single-output booster with this seed would on the rows at risk in k.
 */
export function outputSeed(seed: number, k: number): number {
  return new Random(seed).fork(`output ${k}`).nextUint32();
}

/** A sorted subset of the features (at least one) for one tree. */
export function sampleFeatures(featureCount: number, fraction: number, random: Random): Int32Array {
  const all = Int32Array.from({ length: featureCount }, (_, i) => i);
  if (fraction >= 1) return all;
  const keep = Math.max(1, Math.round(featureCount * fraction));
  const picked = random.shuffle(Array.from(all)).slice(0, keep);
  return Int32Array.from(picked.sort((a, b) => a - b));
}
