// Whether one model beats another on the same test rows, or only seems to: a paired bootstrap. Both models are scored
// on the same resampled rows each time, so what the rows have in common (hard cases, the event count) cancels and
// only the difference between the models varies.
import { Random } from '../core/index.js';

export interface PairedBootstrapResult {
  /** The difference on the rows as given. */
  readonly estimate: number;
  /** 2.5% and 97.5% percentiles of the resampled differences (percentile interval). */
  readonly low: number;
  readonly high: number;
  /** Share of resamples whose difference is ≥ 0. */
  readonly shareAtLeastZero: number;
  readonly resamples: number;
}

/**
 * `difference(rows)` computes statistic(model A) − statistic(model B) on the rows listed (indexes into the test set,
 * repeats allowed); it is called once on all rows and once per resample of `rowCount` rows drawn with replacement.
 * Resamples whose difference is not finite (e.g. no events drawn) are left out.
 */
export function pairedBootstrap(
  rowCount: number,
  difference: (rows: Uint32Array) => number,
  options: { readonly resamples?: number; readonly seed?: number | string } = {},
): PairedBootstrapResult {
  const all = Uint32Array.from({ length: rowCount }, (_, i) => i);
  const estimate = difference(all);
  const random = new Random(options.seed ?? 1);
  const draws: number[] = [];
  const rows = new Uint32Array(rowCount);
  for (let b = 0; b < (options.resamples ?? 200); b++) {
    for (let i = 0; i < rowCount; i++) rows[i] = random.int(rowCount);
    const d = difference(rows);
    if (Number.isFinite(d)) draws.push(d);
  }
  draws.sort((a, b) => a - b);
  const at = (p: number) => (draws.length === 0 ? NaN : draws[Math.min(draws.length - 1, Math.floor(p * draws.length))]);
  return {
    estimate,
    low: at(0.025),
    high: at(0.975),
    shareAtLeastZero: draws.length === 0 ? NaN : draws.filter((d) => d >= 0).length / draws.length,
    resamples: draws.length,
  };
}

/** The values of `column` at `rows`, for computing a statistic on a resample. */
export function pick(column: ArrayLike<number>, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
  return out;
}
