// The training pipeline every boosted kind shares: check columns, bin the data once, pick the objective by name,
// boost, and assemble the versioned artifact. Kind files (train-gbst.ts, ...) supply labels and their own fields.
import { RiskError, systemClock } from '../../core/index.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type TreeEnsembleArtifact } from '../../model/index.js';
import { boost, type BoostResult } from '../boosting/booster.js';
import type { Table } from '../data/table.js';
import { BinnedDataset } from '../dataset/binned-dataset.js';
import { checkBinary, checkTime, checkWeight } from '../objective/label-checks.js';
import type { Objective, ObjectiveLabels, ObjectiveParams } from '../objective/objective.js';
import { createObjective } from '../objective/objective-registry.js';
import { createHistogramBuilder } from '../tree/create-histogram-builder.js';
import { recordedParams, resolveBoostParams, type ProgressListener, type TrainSpec } from './train-spec.js';

export interface FitResult<A extends TreeEnsembleArtifact> {
  readonly artifact: A;
  /** Raw scores of the training rows as training computed them (row-major, rows × outputs). */
  trainScores(): Float64Array;
  readonly boost: BoostResult;
}

export interface EnsembleRecipe<A extends TreeEnsembleArtifact> {
  readonly kind: A['kind'];
  readonly objective: string;
  /** Label columns this kind reads (checked up front with the features). */
  readonly labelColumns: readonly string[];
  readonly objectiveParams?: ObjectiveParams;
  readonly treePerOutput?: boolean;
  /** Kind-specific artifact fields, given the trained objective and result. */
  readonly fields: (objective: Objective, result: BoostResult) => Omit<A, keyof TreeEnsembleArtifact>;
}

export function fitEnsemble<A extends TreeEnsembleArtifact>(table: Table, spec: TrainSpec, recipe: EnsembleRecipe<A>, onProgress?: ProgressListener): FitResult<A> {
  const params = resolveBoostParams(spec, recipe.treePerOutput ?? false);
  const clock = spec.clock ?? systemClock;
  const started = clock.now();
  const needed = [...spec.features, ...recipe.labelColumns, ...(spec.weight ? [spec.weight] : [])];
  table.requireColumns(needed);
  spec.validation?.requireColumns(needed);
  const data = BinnedDataset.fromTable(table, spec.features, {
    maxBins: params.maxBins,
    seed: params.seed,
    categorical: spec.categorical,
    shared: params.threads > 1,
  });
  const objective = createObjective(recipe.objective, labelsOf(table, spec, recipe.objective), recipe.objectiveParams);
  const valid = spec.validation
    ? {
        data: data.withBinsOf(spec.validation),
        objective: createObjective(recipe.objective, labelsOf(spec.validation, spec, recipe.objective), recipe.objectiveParams),
      }
    : undefined;
  const builder = createHistogramBuilder(data, params.threads);
  let result: BoostResult;
  try {
    result = boost(data, objective, params, builder, valid, onProgress);
  } finally {
    builder.close();
  }
  const seconds = (clock.now() - started) / 1000;
  const { treePerOutput: _t, ...shownParams } = params;
  const artifact = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: recipe.kind,
    features: [...spec.features],
    featureInfo: data.featureInfo,
    ...recipe.fields(objective, result),
    objective: recipe.objective,
    outputs: objective.outputs,
    baseScore: Array.from(result.baseScore),
    training: {
      seconds,
      rounds: result.roundsKept,
      roundsRun: result.roundsRun,
      rows: table.rowCount,
      validationRows: spec.validation?.rowCount,
      createdAt: new Date(clock.now()).toISOString(),
      params: recordedParams({ ...shownParams, treePerOutput: params.treePerOutput }, { weight: spec.weight }),
      importance: spec.features
        .map((feature, f) => ({ feature, gain: result.importance.gain[f], splits: result.importance.splits[f] }))
        .sort((a, b) => b.gain - a.gain),
      trainLoss: result.trainLoss,
      validLoss: result.validLoss,
    },
    trees: result.trees,
  } as unknown as A;
  return { artifact, trainScores: () => result.trainScores(), boost: result };
}

function labelsOf(table: Table, spec: TrainSpec, objective: string): ObjectiveLabels {
  const weight = spec.weight ? table.numeric(spec.weight) : undefined;
  if (weight && spec.weight) checkWeight(spec.weight, weight);
  if (objective === 'binary') {
    const target = table.numeric(required(spec.target, 'target'));
    checkBinary(spec.target!, target);
    return { target, weight };
  }
  const time = table.numeric(required(spec.time, 'time'));
  const event = table.numeric(required(spec.event, 'event'));
  checkTime(spec.time!, time);
  checkBinary(spec.event!, event);
  return { time, event, weight };
}

function required(column: string | undefined, role: string): string {
  if (!column) throw new RiskError('LEARN_PARAM_INVALID', `the ${role} column must be named`, { role });
  return column;
}
