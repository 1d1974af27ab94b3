// Boosted Cox proportional hazards: F = log hazard ratio; S(t | x) = exp(−H0(t) · exp(F)) with the Breslow
// baseline H0 stored at training. Kept for comparison with xgboost's survival:cox, not as a recommended model.
import { artifactError, type CoxArtifact, type ModelArtifactBase } from './model-artifact.js';
import type { PredictOptions } from './scoring-model.js';
import { survivalColumnName } from './survival-horizon.js';
import { TreeEnsembleScorer } from './tree-ensemble-scorer.js';

const ONE = new Float64Array([1]);

export class CoxScorer extends TreeEnsembleScorer {
  private readonly times: Float64Array;
  private readonly cumulativeHazard: Float64Array;

  constructor(artifact: CoxArtifact) {
    super(artifact);
    const b = artifact.baseline;
    if (artifact.outputs !== 1 || !b || !Array.isArray(b.times) || b.times.length !== b.cumulativeHazard?.length) {
      throw artifactError('a cox model has one output and a baseline of matching times and cumulative hazards');
    }
    this.times = Float64Array.from(b.times);
    this.cumulativeHazard = Float64Array.from(b.cumulativeHazard);
  }

  /** Hazard ratio exp(F) relative to the baseline. */
  predictRow(values: Float64Array): number {
    return Math.exp(this.riskScore(values));
  }

  /** Log hazard ratio F. */
  riskScore(values: Float64Array): number {
    return this.rawScores(values, this.scratch)[0];
  }

  /** The log hazard ratio: proportional hazards rank alike at every horizon. */
  concordanceRisk(values: Float64Array): number {
    return this.riskScore(values);
  }

  override survivalAt(values: Float64Array, horizons: readonly number[]): Float64Array {
    const ratio = this.predictRow(values);
    return Float64Array.from(horizons, (t) => Math.exp(-this.baselineAt(t) * ratio));
  }

  /** Breslow H0(t): the step function's value at t (0 before the first event time). */
  baselineAt(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.cumulativeHazard[lo - 1];
  }

  protected explainWeights(): Float64Array {
    return ONE;
  }

  protected outputNames(options: PredictOptions): string[] {
    return ['hazard_ratio', ...(options.horizons ?? []).map(survivalColumnName)];
  }

  protected predictInto(values: Float64Array, options: PredictOptions, out: Float64Array): void {
    const ratio = this.predictRow(values);
    out[0] = ratio;
    const horizons = options.horizons ?? [];
    for (let i = 0; i < horizons.length; i++) out[1 + i] = Math.exp(-this.baselineAt(horizons[i]) * ratio);
  }
}

export function createCoxScorer(artifact: ModelArtifactBase): CoxScorer {
  return new CoxScorer(artifact as CoxArtifact);
}
