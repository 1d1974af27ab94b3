// What a caller asks of training: column roles, the survival grid, and booster settings, each optional with
// xgboost-like defaults. resolveBoostParams checks everything at once and reports every problem together.
import { RiskError, type Clock } from '../../core/index.js';
import type { BoostParams, BoostProgress } from '../boosting/booster.js';
import type { Table } from '../data/table.js';
import { resolveTreeParams, stripUndefined } from '../tree/tree-params.js';

export interface TrainSpec {
  /** Feature columns, in the order the model will take them. */
  readonly features: readonly string[];
  /** Feature columns to treat as categorical even when their values are numbers. */
  readonly categorical?: readonly string[];
  /** Binary models: the 0/1 target column. */
  readonly target?: string;
  /** Survival models: time to default or censoring (in the training time unit), and the 0/1 default flag. */
  readonly time?: string;
  readonly event?: string;
  /** Optional non-negative sample weights. */
  readonly weight?: string;
  /** GBST: number of periods J and time units per period (period k covers ((k−1)·L, k·L]). */
  readonly periods?: number;
  readonly periodLength?: number;
  /** GBST: 'A' one vector-leaf tree per round (default, the paper's survival tree); 'B' one tree per period per round. */
  readonly variant?: 'A' | 'B';
  readonly rounds?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
  /** Setting numLeaves (and not maxDepth) selects leaf-wise growth. */
  readonly numLeaves?: number;
  readonly growth?: 'depthwise' | 'leafwise';
  readonly l1?: number;
  readonly l2?: number;
  readonly minChildHessian?: number;
  readonly minSplitGain?: number;
  readonly catSmooth?: number;
  readonly subsample?: number;
  readonly colsample?: number;
  /** Histogram bins per feature, counting the bin for missing values (default 256). */
  readonly maxBins?: number;
  readonly seed?: number;
  /** Histogram threads (worker_threads); 1 = none. */
  readonly threads?: number;
  readonly validation?: Table;
  readonly earlyStoppingRounds?: number;
  /** Stamps createdAt and measures training time; the system clock by default. */
  readonly clock?: Clock;
}

export type TrainProgress = BoostProgress;
export type ProgressListener = (progress: TrainProgress) => void;

export interface ResolvedParams extends BoostParams {
  readonly maxBins: number;
  readonly threads: number;
}

export function resolveBoostParams(spec: TrainSpec, treePerOutput: boolean): ResolvedParams {
  const growth = spec.growth ?? (spec.numLeaves !== undefined && spec.maxDepth === undefined ? 'leafwise' : 'depthwise');
  const tree = resolveTreeParams(
    stripUndefined({
      growth,
      maxDepth: spec.maxDepth ?? (growth === 'leafwise' ? 0 : undefined),
      numLeaves: spec.numLeaves,
      learningRate: spec.learningRate,
      l1: spec.l1,
      l2: spec.l2,
      minChildHessian: spec.minChildHessian,
      minSplitGain: spec.minSplitGain,
      catSmooth: spec.catSmooth,
    }),
  );
  const p: ResolvedParams = {
    ...tree,
    rounds: spec.rounds ?? 100,
    subsample: spec.subsample ?? 1,
    colsample: spec.colsample ?? 1,
    seed: spec.seed ?? 0,
    earlyStoppingRounds: spec.earlyStoppingRounds ?? 0,
    treePerOutput,
    maxBins: spec.maxBins ?? 256,
    threads: spec.threads ?? 1,
  };
  const problems: string[] = [];
  if (!Number.isInteger(p.rounds) || p.rounds < 1) problems.push('rounds must be a positive integer');
  if (!(p.subsample > 0 && p.subsample <= 1)) problems.push('subsample must be in (0, 1]');
  if (!(p.colsample > 0 && p.colsample <= 1)) problems.push('colsample must be in (0, 1]');
  if (!Number.isInteger(p.seed)) problems.push('seed must be an integer');
  if (!Number.isInteger(p.earlyStoppingRounds) || p.earlyStoppingRounds < 0) problems.push('earlyStoppingRounds must be an integer >= 0');
  if (p.earlyStoppingRounds > 0 && !spec.validation) problems.push('earlyStoppingRounds needs a validation table');
  if (!Number.isInteger(p.maxBins) || p.maxBins < 2 || p.maxBins > 65536) problems.push('maxBins must be an integer in 2..65536');
  if (!Number.isInteger(p.threads) || p.threads < 1) problems.push('threads must be a positive integer');
  if (spec.features.length === 0) problems.push('at least one feature is needed');
  if (new Set(spec.features).size !== spec.features.length) problems.push('features must not repeat');
  if (problems.length > 0) throw new RiskError('LEARN_PARAM_INVALID', problems.join('; '), { problems });
  return p;
}

/** The params recorded in the artifact: what was asked and resolved, without tables or clocks. */
export function recordedParams(p: ResolvedParams, extra: Record<string, unknown>): Record<string, unknown> {
  return { ...p, ...extra };
}

/** The time and event columns a survival model needs, or LEARN_PARAM_INVALID naming what is absent. */
export function survivalColumns(spec: TrainSpec, model: string): { time: string; event: string } {
  if (!spec.time || !spec.event) {
    throw new RiskError('LEARN_PARAM_INVALID', `${model} needs time and event columns`, { time: spec.time, event: spec.event });
  }
  return { time: spec.time, event: spec.event };
}
