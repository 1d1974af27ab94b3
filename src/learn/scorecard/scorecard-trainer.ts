// Adapts trainScorecard to the common Trainer signature, so `argus train --model scorecard --target COL` works
// through the trainer registry. Scorecard-only settings ride along in `spec.scorecard`.
import type { Table } from '../data/table.js';
import type { TrainSpec } from '../train/train-spec.js';
import type { ScorecardSpec } from './scorecard-spec.js';
import { trainScorecard } from './train-scorecard.js';
import { RiskError } from '../../core/index.js';

export type ScorecardTrainSpec = TrainSpec & { readonly scorecard?: Omit<ScorecardSpec, 'target' | 'features'> };

export function scorecardTrainer(table: Table, spec: ScorecardTrainSpec) {
  if (!spec.target) throw new RiskError('LEARN_PARAM_INVALID', 'a scorecard needs a target column', {});
  return trainScorecard(table, {
    ...(spec.scorecard ?? {}),
    target: spec.target,
    features: spec.features.length > 0 ? spec.features : undefined,
    ...(spec.l2 !== undefined ? { l2: spec.l2 } : {}),
  }).artifact;
}
