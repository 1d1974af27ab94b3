// Common ground of the tree-ensemble kinds (gbdt, gbst, cox): validated artifact, packed forest, raw scores
// and TreeSHAP contributions. Each kind's file adds only its link from raw scores to predictions.
import { RiskError } from '../core/index.js';
import { artifactError, type TreeEnsembleArtifact } from './model-artifact.js';
import { PackedForest } from './packed-forest.js';
import { ScorerBase } from './scoring-model.js';
import { TreeShapExplainer } from './tree-shap.js';

export abstract class TreeEnsembleScorer extends ScorerBase {
  readonly outputs: number;
  protected readonly forest: PackedForest;
  protected readonly base: Float64Array;
  protected readonly scratch: Float64Array;
  private readonly phiScratch: Float64Array;
  private explainer: TreeShapExplainer | undefined;

  constructor(artifact: TreeEnsembleArtifact) {
    super(artifact);
    if (!Number.isInteger(artifact.outputs) || artifact.outputs < 1) throw artifactError('outputs must be a positive integer');
    if (!Array.isArray(artifact.baseScore) || artifact.baseScore.length !== artifact.outputs) {
      throw artifactError('baseScore must hold one value per output', { outputs: artifact.outputs });
    }
    if (!Array.isArray(artifact.trees)) throw artifactError('trees must be a list');
    this.outputs = artifact.outputs;
    this.base = Float64Array.from(artifact.baseScore);
    const categorical = artifact.features.map((_, f) => artifact.featureInfo?.[f]?.type === 'categorical');
    this.forest = new PackedForest(artifact.trees, artifact.outputs, artifact.features.length, categorical);
    this.scratch = new Float64Array(artifact.outputs);
    this.phiScratch = new Float64Array(artifact.features.length);
  }

  /** How outputs are weighted into the one score explanations are about. */
  protected abstract explainWeights(): Float64Array;

  /** Raw scores F (before the link): base score plus every tree, in training's order. */
  rawScores(values: Float64Array, out: Float64Array = new Float64Array(this.outputs)): Float64Array {
    this.checkLength(values);
    out.set(this.base);
    this.forest.addRaw(values, out);
    return out;
  }

  private checkLength(values: Float64Array): void {
    if (values.length < this.features.length) {
      throw new RiskError('MODEL_INPUT_INVALID', `expected ${this.features.length} values, got ${values.length}`, {
        expected: this.features.length,
        got: values.length,
      });
    }
  }

  featureContributions(values: Float64Array): Float64Array {
    const phi = new Float64Array(this.features.length);
    this.treeExplainer().explain(values, phi);
    return phi;
  }

  /**
   * Output 0's raw score (what rawScores(values)[0] is) and featureContributions(values), from one pass over the
   * trees when the explainer's tables cover every tree of a single-output forest; undefined otherwise. The
   * contributions are in a scratch array, valid until the next call (allocating one a call cost ~1 µs).
   */
  protected rawScoreWithContributions(values: Float64Array): { raw: number; phi: Float64Array } | undefined {
    const explainer = this.treeExplainer();
    if (!explainer.sumsLeaves || this.outputs !== 1) return undefined;
    this.checkLength(values);
    const phi = this.phiScratch.fill(0);
    return { raw: explainer.explainAndSum(values, phi, this.base[0]), phi };
  }

  protected explainedScore(values: Float64Array): { score: number; expected: number } {
    const w = this.explainWeights();
    const raw = this.rawScores(values, this.scratch);
    let score = 0;
    let expected = this.treeExplainer().expectedValue;
    for (let k = 0; k < this.outputs; k++) {
      score += w[k] * raw[k];
      expected += w[k] * this.base[k];
    }
    return { score, expected };
  }

  private treeExplainer(): TreeShapExplainer {
    this.explainer ??= new TreeShapExplainer((this.artifact as TreeEnsembleArtifact).trees, this.explainWeights());
    return this.explainer;
  }
}
