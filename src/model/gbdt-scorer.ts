// Binary gradient-boosted trees: PD = sigmoid(raw score).
import { RiskError } from '../core/index.js';
import { sigmoid } from './link-functions.js';
import { artifactError, type GbdtArtifact, type ModelArtifactBase } from './model-artifact.js';
import type { BinaryScoringModel, Contribution, PredictOptions } from './scoring-model.js';
import { TreeEnsembleScorer } from './tree-ensemble-scorer.js';

const ONE = new Float64Array([1]);

export class GbdtScorer extends TreeEnsembleScorer implements BinaryScoringModel {
  constructor(artifact: GbdtArtifact) {
    super(artifact);
    if (artifact.outputs !== 1) throw artifactError('a gbdt model has exactly one output', { outputs: artifact.outputs });
  }

  predictRow(values: Float64Array): number {
    return sigmoid(this.rawScores(values, this.scratch)[0]);
  }

  riskScore(values: Float64Array): number {
    return this.predictRow(values);
  }

  /** One pass over the trees for the PD and the contributions when the tables allow (the decision path's case). */
  override predictWithContributions(values: Float64Array, topN: number): { prediction: number; contributions: Contribution[] } {
    const both = this.rawScoreWithContributions(values);
    if (!both) return { prediction: this.predictRow(values), contributions: this.topContributions(values, topN) };
    return { prediction: sigmoid(both.raw), contributions: this.selectContributions(values, both.phi, topN, 1) };
  }

  protected explainWeights(): Float64Array {
    return ONE;
  }

  protected outputNames(options: PredictOptions): string[] {
    if (options.horizons && options.horizons.length > 0) {
      throw new RiskError('MODEL_HORIZON_UNSUPPORTED', 'a binary model predicts one PD; horizons apply to survival models', {});
    }
    return ['pd'];
  }

  protected predictInto(values: Float64Array, _options: PredictOptions, out: Float64Array): void {
    out[0] = this.predictRow(values);
  }
}

export function createGbdtScorer(artifact: ModelArtifactBase): GbdtScorer {
  return new GbdtScorer(artifact as GbdtArtifact);
}
