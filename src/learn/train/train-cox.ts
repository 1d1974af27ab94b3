// Boosted Cox proportional hazards (Breslow ties), for comparison with xgboost's survival:cox.
import type { CoxArtifact } from '../../model/index.js';
import type { Table } from '../data/table.js';
import type { CoxObjective } from '../objective/cox-objective.js';
import { fitEnsemble, type FitResult } from './fit-ensemble.js';
import { survivalColumns, type ProgressListener, type TrainSpec } from './train-spec.js';

export function fitCox(table: Table, spec: TrainSpec, onProgress?: ProgressListener): FitResult<CoxArtifact> {
  const { time, event } = survivalColumns(spec, 'cox');
  return fitEnsemble<CoxArtifact>(
    table,
    spec,
    {
      kind: 'cox',
      objective: 'cox',
      labelColumns: [time, event],
      fields: (objective, result) => ({
        time,
        event,
        baseline: (objective as CoxObjective).baseline(result.trainScores()),
      }),
    },
    onProgress,
  );
}

export function trainCox(table: Table, spec: TrainSpec, onProgress?: ProgressListener): CoxArtifact {
  return fitCox(table, spec, onProgress).artifact;
}
