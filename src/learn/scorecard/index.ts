// learn/scorecard: points scorecards (binning, WoE/IV, logistic regression on WoE, points scaling).
// Scoring is model/ScorecardScorer's job; this folder only trains. Importing it registers the 'scorecard' trainer.
import { registerTrainer } from '../train/trainer-registry.js';
import { scorecardTrainer } from './scorecard-trainer.js';

registerTrainer('scorecard', scorecardTrainer);

export { trainScorecard, type ScorecardTrainingResult, type ScorecardVariableSummary } from './train-scorecard.js';
export { SCORECARD_DEFAULTS, type ScorecardSpec } from './scorecard-spec.js';
export { pointsScaling, attributePoints, type PointsScaling } from './points-scaling.js';
export { fitLogistic, type LogisticFit, type LogisticOptions } from './logistic-regression.js';
export { binVariable, type VariableBinning, type VariableBin } from './variable-binning.js';
export { chiMerge, monotonicMerge, treeSplit, type BinningMethod, type BinningLimits } from './binning-methods.js';
export { chiSquare, type BinGroup } from './bin-groups.js';
export { scorecardTrainer, type ScorecardTrainSpec } from './scorecard-trainer.js';
export { woeTableRows, formatWoeTable, type WoeTableRow } from './woe-table.js';
