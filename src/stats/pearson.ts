// Pearson correlation of two equal-length samples. Pairs where either value is not finite are skipped.
import { assertSameLength } from './score-sweep.js';

/** NaN when fewer than two usable pairs or when either side is constant. Two-pass for numerical stability. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertSameLength('pearson', x, y);
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}
