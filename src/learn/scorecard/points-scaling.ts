// Points scaling. Sign convention: HIGHER SCORE = LOWER RISK. score = offset + factor * ln(odds), where odds are
// GOOD:BAD (non-event : event) and factor = PDO / ln 2, so every PDO points double the good:bad odds, and
// offset = baseScore - factor * ln(baseOdds) puts baseScore at baseOdds (e.g. 600 at 50:1 with PDO 20).
import { RiskError } from '../../core/index.js';

export interface PointsScaling {
  readonly baseScore: number;
  readonly baseOdds: number;
  readonly pdo: number;
  readonly factor: number;
  readonly offset: number;
}

export function pointsScaling(baseScore: number, baseOdds: number, pdo: number): PointsScaling {
  if (!(pdo > 0) || !(baseOdds > 0) || !Number.isFinite(baseScore)) {
    throw new RiskError('LEARN_SCALING_INVALID', 'points scaling needs pdo > 0, baseOdds > 0 and a finite baseScore', {
      baseScore,
      baseOdds,
      pdo,
    });
  }
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

/**
 * Points of one attribute of variable j in a model logit(P(bad)) = b0 + sum_j b_j * WoE_j over m variables:
 * -factor * (b_j * WoE + b0 / m) + offset / m. The intercept and offset are spread evenly, so the points of an
 * applicant's attributes add up to offset + factor * ln(good:bad odds) exactly.
 */
export function attributePoints(scaling: PointsScaling, intercept: number, coefficient: number, woe: number, variables: number): number {
  return -scaling.factor * (coefficient * woe + intercept / variables) + scaling.offset / variables;
}
