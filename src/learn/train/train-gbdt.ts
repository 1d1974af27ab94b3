// Binary gradient-boosted trees (log-loss) on a 0/1 target.
import { RiskError } from '../../core/index.js';
import type { GbdtArtifact } from '../../model/index.js';
import type { Table } from '../data/table.js';
import { fitEnsemble, type FitResult } from './fit-ensemble.js';
import type { ProgressListener, TrainSpec } from './train-spec.js';

export function fitGbdt(table: Table, spec: TrainSpec, onProgress?: ProgressListener): FitResult<GbdtArtifact> {
  if (!spec.target) throw new RiskError('LEARN_PARAM_INVALID', 'gbdt needs a target column', {});
  return fitEnsemble<GbdtArtifact>(
    table,
    spec,
    { kind: 'gbdt', objective: 'binary', labelColumns: [spec.target], fields: () => ({ target: spec.target! }) },
    onProgress,
  );
}

export function trainGbdt(table: Table, spec: TrainSpec, onProgress?: ProgressListener): GbdtArtifact {
  return fitGbdt(table, spec, onProgress).artifact;
}
