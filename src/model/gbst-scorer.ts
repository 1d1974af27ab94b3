// GBST (gradient boosting survival tree): raw score F_j per period, hazard h_j = sigmoid(F_j), S(k) = Π_{j≤k}(1 − h_j).
import { sigmoid } from './link-functions.js';
import { artifactError, type GbstArtifact, type ModelArtifactBase } from './model-artifact.js';
import type { PredictOptions, SurvivalScoringModel } from './scoring-model.js';
import { checkHorizons, survivalColumnName, survivalFromHazards } from './survival-horizon.js';
import { TreeEnsembleScorer } from './tree-ensemble-scorer.js';

export class GbstScorer extends TreeEnsembleScorer implements SurvivalScoringModel {
  readonly periods: number;
  readonly periodLength: number;
  private readonly weights: Float64Array;
  private readonly hazards: Float64Array;
  private readonly fullHorizon: number[];

  constructor(artifact: GbstArtifact) {
    super(artifact);
    if (artifact.periods !== artifact.outputs) throw artifactError('a gbst model has one output per period', { periods: artifact.periods });
    if (!(artifact.periodLength > 0)) throw artifactError('periodLength must be positive', { periodLength: artifact.periodLength });
    this.periods = artifact.periods;
    this.periodLength = artifact.periodLength;
    this.weights = new Float64Array(this.periods).fill(1 / this.periods);
    this.hazards = new Float64Array(this.periods);
    this.fullHorizon = [this.periods * this.periodLength];
  }

  /** Per-period hazards h_1..h_J. */
  predictRow(values: Float64Array): Float64Array {
    return this.hazardsInto(values, new Float64Array(this.periods));
  }

  /** Allocation-free form of predictRow. */
  hazardsInto(values: Float64Array, out: Float64Array): Float64Array {
    const raw = this.rawScores(values, this.scratch);
    for (let j = 0; j < this.periods; j++) out[j] = sigmoid(raw[j]);
    return out;
  }

  override survivalAt(values: Float64Array, horizons: readonly number[]): Float64Array {
    checkHorizons(horizons, this.periods, this.periodLength);
    const out = new Float64Array(horizons.length);
    survivalFromHazards(this.hazardsInto(values, this.hazards), this.periodLength, horizons, out);
    return out;
  }

  /** PD over the model's whole horizon, 1 − S(J·L). */
  riskScore(values: Float64Array): number {
    const h = this.hazardsInto(values, this.hazards);
    let s = 1;
    for (let j = 0; j < this.periods; j++) s *= 1 - h[j];
    return 1 - s;
  }

  /**
   * −RMST: minus the expected default-free time within the horizon, L·Σ_{k=1..J} S(k) — in discrete time, the
   * expected number of whole periods survived (of J) times the period length. Higher = default expected sooner.
   */
  concordanceRisk(values: Float64Array): number {
    const h = this.hazardsInto(values, this.hazards);
    let s = 1;
    let periods = 0;
    for (let j = 0; j < this.periods; j++) {
      s *= 1 - h[j];
      periods += s;
    }
    return -periods * this.periodLength;
  }

  protected explainWeights(): Float64Array {
    return this.weights;
  }

  protected outputNames(options: PredictOptions): string[] {
    const horizons = options.horizons && options.horizons.length > 0 ? options.horizons : this.fullHorizon;
    checkHorizons(horizons, this.periods, this.periodLength);
    return horizons.map(survivalColumnName);
  }

  protected predictInto(values: Float64Array, options: PredictOptions, out: Float64Array): void {
    const horizons = options.horizons && options.horizons.length > 0 ? options.horizons : this.fullHorizon;
    survivalFromHazards(this.hazardsInto(values, this.hazards), this.periodLength, horizons, out);
  }
}

export function createGbstScorer(artifact: ModelArtifactBase): GbstScorer {
  return new GbstScorer(artifact as GbstArtifact);
}
