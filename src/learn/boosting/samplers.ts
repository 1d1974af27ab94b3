// Row and column subsampling per boosting round, from seeded streams so a seed fixes the whole model.
import type { Random } from '../../core/index.js';

/** Writes the rows in this round's sample (ascending) into rows and returns how many; all rows when fraction = 1. */
export function sampleRows(rows: Int32Array, n: number, fraction: number, random: Random): number {
  if (fraction >= 1) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return n;
  }
  let count = 0;
  for (let i = 0; i < n; i++) if (random.next() < fraction) rows[count++] = i;
  if (count === 0) rows[count++] = random.int(n);
  return count;
}

/** A sorted subset of the features (at least one) for one tree. */
export function sampleFeatures(featureCount: number, fraction: number, random: Random): Int32Array {
  const all = Int32Array.from({ length: featureCount }, (_, i) => i);
  if (fraction >= 1) return all;
  const keep = Math.max(1, Math.round(featureCount * fraction));
  const picked = random.shuffle(Array.from(all)).slice(0, keep);
  return Int32Array.from(picked.sort((a, b) => a - b));
}
