// Survival at arbitrary horizons from per-period hazards: S(k·L) = Π_{j≤k} (1 − h_j), with a constant hazard
// inside a period for horizons between period ends. Survival multiplies (1 − h), never the hazards themselves.
import { RiskError } from '../core/index.js';

/** Checks horizons once per call site: finite, non-negative and within the model's periods · periodLength. */
export function checkHorizons(horizons: readonly number[], periods: number, periodLength: number): void {
  const limit = periods * periodLength;
  let ok = true;
  for (let i = 0; i < horizons.length; i++) ok &&= horizons[i] >= 0 && horizons[i] <= limit;
  if (!ok) {
    const bad = horizons.filter((h) => !(h >= 0 && h <= limit));
    throw new RiskError('MODEL_HORIZON_OUT_OF_RANGE', `horizons must lie in [0, ${limit}] (${periods} periods of ${periodLength})`, {
      bad,
      limit,
    });
  }
}

/** out[i] = S(horizons[i]) for the given per-period hazards. Horizons must have passed checkHorizons. */
export function survivalFromHazards(hazards: Float64Array, periodLength: number, horizons: readonly number[], out: Float64Array, offset = 0): void {
  const periods = hazards.length;
  // Walk the periods once when horizons ascend (the usual case); otherwise restart for a horizon that goes back.
  let s = 1;
  let done = 0;
  for (let i = 0; i < horizons.length; i++) {
    const q = horizons[i] / periodLength;
    const whole = Math.min(Math.floor(q), periods);
    if (whole < done) {
      s = 1;
      done = 0;
    }
    for (; done < whole; done++) s *= 1 - hazards[done];
    const frac = q - whole;
    out[offset + i] = frac > 0 && whole < periods ? s * Math.pow(1 - hazards[whole], frac) : s;
  }
}

/** Column name for S at a horizon in table output, e.g. survival_12. */
export function survivalColumnName(horizon: number): string {
  return `survival_${horizon}`;
}
