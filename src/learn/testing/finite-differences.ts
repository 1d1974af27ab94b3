// Finite-difference checks of an objective's gradients and (diagonal) hessians, for tests.
import type { Objective } from '../objective/objective.js';

export interface DerivativeMismatch {
  readonly index: number;
  readonly what: 'gradient' | 'hessian';
  readonly analytic: number;
  readonly numeric: number;
}

/**
 * Compares gh against central differences of total loss = objective.loss(raw) · scale (loss is per unit weight).
 * Returns every entry whose analytic value differs by more than tolerance · max(1, |numeric|).
 */
export function checkDerivatives(objective: Objective, raw: Float64Array, scale: number, tolerance = 1e-4): DerivativeMismatch[] {
  const gh = new Float32Array(2 * raw.length);
  objective.gradients(raw, gh);
  const total = (r: Float64Array): number => objective.loss(r) * scale;
  const bad: DerivativeMismatch[] = [];
  const eps = 1e-4;
  const f0 = total(raw);
  for (let q = 0; q < raw.length; q++) {
    const x = raw[q];
    raw[q] = x + eps;
    const up = total(raw);
    raw[q] = x - eps;
    const down = total(raw);
    raw[q] = x;
    const g = (up - down) / (2 * eps);
    const h = (up - 2 * f0 + down) / (eps * eps);
    if (Math.abs(gh[2 * q] - g) > tolerance * Math.max(1, Math.abs(g))) bad.push({ index: q, what: 'gradient', analytic: gh[2 * q], numeric: g });
    if (Math.abs(gh[2 * q + 1] - h) > 10 * tolerance * Math.max(1, Math.abs(h))) bad.push({ index: q, what: 'hessian', analytic: gh[2 * q + 1], numeric: h });
  }
  return bad;
}
