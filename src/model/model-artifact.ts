// The versioned JSON shape of a model artifact, shared by the trainer (writes it) and the scorer (reads it).
// Types and header checks only; no scoring here. Numbers round-trip exactly through JSON (shortest double form).
import { RiskError } from '../core/index.js';

export const MODEL_FORMAT = 'argus-model';
export const MODEL_FORMAT_VERSION = 1;

/** Model kinds known to this build; other kinds may be registered (see scorer-registry.ts). */
export type ModelKind = 'gbst' | 'gbdt' | 'cox' | 'scorecard' | (string & {});

export interface FeatureInfo {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  /** Categorical only: level strings; a value's code is its index here. */
  readonly levels?: readonly string[];
}

export interface FeatureImportance {
  readonly feature: string;
  /** Sum of split gains (loss reduction) over all kept trees. */
  readonly gain: number;
  readonly splits: number;
}

export interface TrainingInfo {
  readonly seconds: number;
  /** Boosting rounds kept in the model (after early stopping). */
  readonly rounds: number;
  readonly roundsRun?: number;
  readonly rows?: number;
  readonly createdAt?: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly importance?: readonly FeatureImportance[];
  readonly trainLoss?: number;
  readonly validLoss?: number;
  readonly [extra: string]: unknown;
}

export interface ModelArtifactBase {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly kind: ModelKind;
  /** Input order for `predictRow` values. */
  readonly features: readonly string[];
  readonly featureInfo?: readonly FeatureInfo[];
  readonly training: TrainingInfo;
}

/**
 * One regression tree. Node arrays are parallel; `feature[n] === -1` marks a leaf whose values start at
 * `left[n] * outputs` in `leafValues`. A numeric split sends `value <= threshold` left; a categorical split
 * (node listed in `categories`) sends the listed codes left. Missing values follow `missingLeft`.
 */
export interface TreeJson {
  /** First model output this tree adds to, and how many consecutive outputs its leaves hold. */
  readonly output: number;
  readonly outputs: number;
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly missingLeft: readonly number[];
  /** Hessian mass per node (used by TreeSHAP for the background distribution). */
  readonly cover: readonly number[];
  readonly categories?: Readonly<Record<string, readonly number[]>>;
  /** Leaf outputs, already scaled by the learning rate. */
  readonly leafValues: readonly number[];
  readonly gain?: readonly number[];
}

export interface TreeEnsembleArtifact extends ModelArtifactBase {
  readonly kind: 'gbdt' | 'gbst' | 'cox';
  readonly objective: string;
  /** Raw score outputs per row: 1 for gbdt and cox, J periods for gbst. */
  readonly outputs: number;
  readonly baseScore: readonly number[];
  readonly trees: readonly TreeJson[];
}

export interface GbdtArtifact extends TreeEnsembleArtifact {
  readonly kind: 'gbdt';
  readonly target: string;
}

export interface GbstArtifact extends TreeEnsembleArtifact {
  readonly kind: 'gbst';
  readonly variant: 'A' | 'B';
  readonly periods: number;
  /** Time units per period: period k covers ((k-1)·periodLength, k·periodLength]. */
  readonly periodLength: number;
  readonly time: string;
  readonly event: string;
}

export interface CoxArtifact extends TreeEnsembleArtifact {
  readonly kind: 'cox';
  readonly time: string;
  readonly event: string;
  /** Breslow baseline cumulative hazard, a step function: H0(t) = cumulativeHazard[i] for times[i] <= t < times[i+1]. */
  readonly baseline: { readonly times: readonly number[]; readonly cumulativeHazard: readonly number[] };
}

export type ModelArtifact = ModelArtifactBase;

/** Parses (if a string) and checks the header every artifact shares; kind-specific checks are the scorer's. */
export function readArtifactHeader(input: string | object): ModelArtifactBase {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new RiskError('MODEL_ARTIFACT_INVALID', 'model artifact is not valid JSON', { reason: String(err) });
    }
  }
  const a = value as Partial<ModelArtifactBase> | null;
  if (a === null || typeof a !== 'object' || a.format !== MODEL_FORMAT) {
    throw new RiskError('MODEL_ARTIFACT_INVALID', `not an ${MODEL_FORMAT} artifact`, { format: a?.format });
  }
  if (typeof a.formatVersion !== 'number' || a.formatVersion > MODEL_FORMAT_VERSION) {
    throw new RiskError('MODEL_VERSION_UNSUPPORTED', `artifact format version ${a.formatVersion} is newer than this build reads`, {
      formatVersion: a.formatVersion,
      supported: MODEL_FORMAT_VERSION,
    });
  }
  if (typeof a.kind !== 'string' || !Array.isArray(a.features) || a.features.some((f) => typeof f !== 'string')) {
    throw new RiskError('MODEL_ARTIFACT_INVALID', 'artifact needs a kind and a list of feature names', { kind: a.kind });
  }
  if (a.featureInfo !== undefined) checkFeatureInfo(a.features, a.featureInfo);
  return a as ModelArtifactBase;
}

/** featureInfo, when present, describes every feature in order: its name, its type, and a categorical one's levels. */
function checkFeatureInfo(features: readonly string[], info: unknown): void {
  const bad = (problem: string, details: Record<string, unknown> = {}): never => {
    throw artifactError(`featureInfo: ${problem}`, details);
  };
  if (!Array.isArray(info) || info.length !== features.length) bad('needs one entry per feature', { features: features.length });
  (info as unknown[]).forEach((entry, f) => {
    const e = entry as Partial<FeatureInfo> | null;
    if (e === null || typeof e !== 'object' || e.name !== features[f]) bad(`entry ${f} must be feature "${features[f]}"`, { feature: features[f] });
    if (e!.type === 'categorical') {
      if (!Array.isArray(e!.levels) || e!.levels.some((l) => typeof l !== 'string')) bad(`categorical feature "${features[f]}" needs its levels as strings`, { feature: features[f] });
    } else if (e!.type !== 'numeric') {
      bad(`feature "${features[f]}" has type ${JSON.stringify(e!.type)}, not numeric or categorical`, { feature: features[f] });
    }
  });
}

export function artifactError(problem: string, details: Record<string, unknown> = {}): RiskError {
  return new RiskError('MODEL_ARTIFACT_INVALID', problem, details);
}
