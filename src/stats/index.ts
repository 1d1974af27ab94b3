// stats: basic shared statistics on typed arrays (discrimination, binning, WoE/IV, stability, correlation).
// Imports only core. Survival metrics and reports live in learn/metrics; this is what screening and monitoring share.
export { auc, gini } from './auc.js';
export { ksStatistic, ksTest, type KsResult } from './ks-statistic.js';
export { rocCurve, thinCurve, type RocCurve } from './roc-curve.js';
export { quantileBins, binIndex, binCounts } from './quantile-bins.js';
export {
  weightOfEvidence,
  informationValue,
  outcomeCountsByBin,
  type BinOutcomeCounts,
} from './weight-of-evidence.js';
export { psi, psiOfSamples, PSI_SHARE_FLOOR } from './population-stability.js';
export { pearson } from './pearson.js';
export { splitByLabel, sweepDistinctScores, type LabelledScores } from './score-sweep.js';
export { pairedBootstrap, pick, type PairedBootstrapResult } from './paired-bootstrap.js';
