// The score's population stability between the training data and the evaluated data, as a metric row of the
// evaluation report: a model can rank well on data whose score distribution has moved away from training's.
import { psiOfSamples } from '../../stats/index.js';
import type { MetricRow } from './evaluation-report.js';

/** Deciles of the training scores (plus a missing bin), as psiOfSamples bins them. */
const PSI_BINS = 10;

/** Score PSI, training scores as the expected distribution; scores are the model's riskScore (PD, log hazard ratio). */
export function scorePsiRow(trainingScores: ArrayLike<number>, evaluatedScores: ArrayLike<number>): MetricRow {
  return {
    metric: 'Score PSI',
    value: psiOfSamples(trainingScores, evaluatedScores, PSI_BINS),
    note: `training vs evaluated scores on ${PSI_BINS} training deciles; < 0.1 stable, 0.1-0.25 watch, > 0.25 shifted`,
  };
}
