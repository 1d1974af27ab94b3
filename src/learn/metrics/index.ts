// learn/metrics: survival and binary evaluation metrics computed on predictions (never on models).
// Basic discrimination (AUC, KS, PSI, WoE) lives in src/stats; this adds censoring-aware survival metrics and tables.
export {
  kaplanMeier,
  censoringSurvival,
  stepValueAt,
  stepValueBefore,
  type StepFunction,
} from './kaplan-meier.js';
export { harrellC, unoC, type ConcordanceResult } from './concordance-index.js';
export { cumulativeDynamicAuc, perPeriodAuc, survivalFromHazards, statusAt } from './time-dependent-auc.js';
export { brierScoreAt, integratedBrierScore } from './brier-score.js';
export {
  binaryMetrics,
  liftTable,
  calibrationByDecile,
  type BinaryMetrics,
  type LiftRow,
  type CalibrationRow,
} from './binary-metrics.js';
export { survivalByScoreBand, survivalCalibrationAt, type ScoreBandCurve } from './survival-bands.js';
export { rankGroups, type RankGroups } from './rank-groups.js';
export {
  evaluateSurvival,
  survivalColumn,
  type SurvivalOutcomes,
  type SurvivalPredictions,
  type SurvivalEvaluationOptions,
  type SurvivalMetrics,
  type HorizonMetrics,
} from './survival-evaluation.js';
