// What every loaded model offers the decision engine, the CLI and the evaluators, whatever its kind,
// plus ScorerBase: the table and record plumbing a new kind (e.g. scorecard) inherits. Kinds live in their own files.
import { RiskError } from '../core/index.js';
import { FeatureEncoder, type RowFiller, type RowSource } from './feature-encoder.js';
import type { ModelArtifactBase, ModelKind } from './model-artifact.js';

export interface Contribution {
  readonly feature: string;
  /** The applicant's value (a level code for categorical features; NaN = missing). */
  readonly value: number;
  /** Additive effect on the explained score (see Explanation.score). */
  readonly contribution: number;
}

export interface Explanation {
  /** The explained score: log-odds (gbdt), mean period log-odds hazard (gbst), log hazard ratio (cox), points (scorecard). */
  readonly score: number;
  /** The score of an average applicant; all contributions together sum to score − expected. */
  readonly expected: number;
  /** The top contributions, most risk-increasing first. */
  readonly contributions: readonly Contribution[];
}

export interface PredictionColumn {
  readonly name: string;
  readonly values: Float64Array;
}

export interface PredictOptions {
  /** Survival models: horizons in the training time unit (default: the model's full horizon). */
  readonly horizons?: readonly number[];
}

export interface ScoringModel {
  readonly kind: ModelKind;
  readonly features: readonly string[];
  readonly artifact: ModelArtifactBase;
  /** Probability of the target (binary kinds), per-period hazards (gbst), hazard ratio exp(F) (cox). */
  predictRow(values: Float64Array): number | Float64Array;
  /** One number per applicant, higher = riskier: PD (binary), PD over the full horizon (gbst), log hazard ratio (cox). */
  riskScore(values: Float64Array): number;
  /**
   * Survival kinds: the number that ranks applicants by expected time to the event, higher = sooner, for
   * concordance (Harrell's and Uno's C). Cox: the log hazard ratio (its curves never cross, so any horizon ranks
   * alike). GBST: minus the expected default-free time within the horizon (restricted mean survival time), since
   * its curves can cross and PD at the last horizon ranks by the late, thinly observed periods. Absent: riskScore.
   */
  concordanceRisk?(values: Float64Array): number;
  /** S(t) at each horizon; kinds without a time dimension throw MODEL_HORIZON_UNSUPPORTED. */
  survivalAt(values: Float64Array, horizons: readonly number[]): Float64Array;
  /** Scores every row of a table, in row order. */
  predictTable(rows: RowSource, options?: PredictOptions): PredictionColumn[];
  /** Per-feature contributions, in `features` order (all of them, for audit or checks). */
  featureContributions(values: Float64Array): Float64Array;
  /** Top reason codes. */
  explain(values: Float64Array, topN?: number): Explanation;
  /** explain(values, topN).contributions without the score (the decision path needs only these). */
  topContributions(values: Float64Array, topN: number): Contribution[];
  /**
   * predictRow(values) and topContributions(values, topN) together, the same numbers: a kind that can get both from
   * one pass over its trees does (a single-output GBDT whose trees all have pattern tables).
   */
  predictWithContributions(values: Float64Array, topN: number): { prediction: number | Float64Array; contributions: Contribution[] };
  /** A record keyed by feature name → the values array the other methods take. */
  encodeRecord(record: Readonly<Record<string, unknown>>): Float64Array;
  /** Binds a table's columns (once) and returns a function filling the values array for row i. */
  rowFiller(rows: RowSource): RowFiller;
}

export interface BinaryScoringModel extends ScoringModel {
  predictRow(values: Float64Array): number;
}

export interface SurvivalScoringModel extends ScoringModel {
  readonly periods: number;
  readonly periodLength: number;
  predictRow(values: Float64Array): Float64Array;
}

export function isSurvivalModel(model: ScoringModel): model is SurvivalScoringModel {
  return model.kind === 'gbst';
}

/** Shared plumbing: record encoding, table scoring by row, ranking explanations. */
export abstract class ScorerBase implements ScoringModel {
  readonly kind: ModelKind;
  readonly features: readonly string[];
  readonly artifact: ModelArtifactBase;
  protected readonly encoder: FeatureEncoder;

  constructor(artifact: ModelArtifactBase) {
    this.artifact = artifact;
    this.kind = artifact.kind;
    this.features = artifact.features;
    this.encoder = new FeatureEncoder(artifact.features, artifact.featureInfo);
  }

  abstract predictRow(values: Float64Array): number | Float64Array;
  abstract riskScore(values: Float64Array): number;
  abstract featureContributions(values: Float64Array): Float64Array;
  /** The explained score and its expected value (see Explanation). */
  protected abstract explainedScore(values: Float64Array): { score: number; expected: number };
  /** Output column names for a table prediction. */
  protected abstract outputNames(options: PredictOptions): string[];
  /** Writes one row's outputs (one per output name) into out. */
  protected abstract predictInto(values: Float64Array, options: PredictOptions, out: Float64Array): void;

  survivalAt(_values: Float64Array, _horizons: readonly number[]): Float64Array {
    throw new RiskError('MODEL_HORIZON_UNSUPPORTED', `a ${this.kind} model has no time dimension`, { kind: this.kind });
  }

  encodeRecord(record: Readonly<Record<string, unknown>>): Float64Array {
    return this.encoder.encodeRecord(record);
  }

  rowFiller(rows: RowSource): RowFiller {
    return this.encoder.rowFiller(rows);
  }

  predictTable(rows: RowSource, options: PredictOptions = {}): PredictionColumn[] {
    const names = this.outputNames(options);
    const columns = names.map((name) => ({ name, values: new Float64Array(rows.rowCount) }));
    const fill = this.encoder.rowFiller(rows);
    const x = new Float64Array(this.features.length);
    const out = new Float64Array(names.length);
    for (let i = 0; i < rows.rowCount; i++) {
      fill(i, x);
      this.predictInto(x, options, out);
      for (let c = 0; c < columns.length; c++) columns[c].values[i] = out[c];
    }
    return columns;
  }

  explain(values: Float64Array, topN = 4): Explanation {
    const { score, expected } = this.explainedScore(values);
    return { score, expected, contributions: this.topContributions(values, topN) };
  }

  predictWithContributions(values: Float64Array, topN: number): { prediction: number | Float64Array; contributions: Contribution[] } {
    return { prediction: this.predictRow(values), contributions: this.topContributions(values, topN) };
  }

  /** The topN largest contributions, largest first (equal ones in feature order). */
  topContributions(values: Float64Array, topN: number): Contribution[] {
    return this.selectContributions(values, this.featureContributions(values), topN, 1);
  }

  /**
   * The topN contributions by sign * contribution, largest first, ties in feature order: a selection (topN is a
   * handful, features a few dozen), where sorting every feature cost more than the rest of explaining.
   */
  protected selectContributions(values: Float64Array, phi: Float64Array, topN: number, sign: 1 | -1): Contribution[] {
    const chosen: number[] = [];
    for (let f = 0; f < phi.length; f++) {
      const v = sign * phi[f];
      let at = chosen.length;
      while (at > 0 && sign * phi[chosen[at - 1]] < v) at--;
      if (at < topN) {
        chosen.splice(at, 0, f);
        if (chosen.length > topN) chosen.pop();
      }
    }
    return chosen.map((f) => ({ feature: this.features[f], value: values[f], contribution: phi[f] }));
  }
}
