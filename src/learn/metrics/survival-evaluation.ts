// One call that scores survival predictions on held-out outcomes with every metric the reports and benchmarks print.
// It computes; it does not train or load models. All peers in a benchmark go through this same function.
import { RiskError } from '../../core/index.js';
import { ksStatistic } from '../../stats/index.js';
import { censoringSurvival, type StepFunction } from './kaplan-meier.js';
import { harrellC, unoC } from './concordance-index.js';
import { cumulativeDynamicAuc, perPeriodAuc, statusAt } from './time-dependent-auc.js';
import { brierScoreAt, integratedBrierScore } from './brier-score.js';

export interface SurvivalOutcomes {
  readonly time: ArrayLike<number>;
  /** Non-zero = the event happened at `time`; 0 = censored at `time`. */
  readonly event: ArrayLike<number>;
}

export interface SurvivalPredictions {
  /** Higher = earlier event expected. Drives Harrell's and Uno's C. */
  readonly risk: ArrayLike<number>;
  /** Ascending times at which survival is predicted. Must include every horizon. */
  readonly grid: readonly number[];
  /** survival[k][i] = predicted S(grid[k] | x_i). */
  readonly survival: readonly ArrayLike<number>[];
  /**
   * Models with periods (GBST): S at the period ends k·L (k = 1..J), for the per-period AUC as GBST defines it.
   * Not the grid: its points fall inside periods, where S(t) is interpolated, and stop at the largest horizon.
   */
  readonly periods?: PeriodSurvival;
}

export interface PeriodSurvival {
  /** Period ends k·L, ascending. */
  readonly ends: readonly number[];
  /** survival[k][i] = predicted S(ends[k] | x_i). */
  readonly survival: readonly ArrayLike<number>[];
}

export interface SurvivalEvaluationOptions {
  readonly horizons: readonly number[];
  /** Censoring KM from the training data (recommended). Without it the test data's own censoring is used. */
  readonly censoring?: StepFunction;
  /** Truncation for Uno's C; defaults to the largest horizon. */
  readonly tau?: number;
}

export interface HorizonMetrics {
  readonly horizon: number;
  readonly auc: number;
  readonly ks: number;
  readonly brier: number;
}

export interface SurvivalMetrics {
  readonly rows: number;
  readonly events: number;
  readonly harrellC: number;
  readonly unoC: number;
  readonly tau: number;
  readonly byHorizon: readonly HorizonMetrics[];
  readonly ibs: number;
  readonly ibsRange: readonly [number, number];
  /**
   * Mean over the period ends of the per-period AUC as GBST defines it (see perPeriodAuc); periods without both
   * outcomes skipped. Absent when the predictions have no periods (Cox, most peers).
   */
  readonly meanPeriodAuc?: number;
  readonly censoringFrom: 'training' | 'test';
}

export function evaluateSurvival(
  predictions: SurvivalPredictions,
  outcomes: SurvivalOutcomes,
  options: SurvivalEvaluationOptions,
): SurvivalMetrics {
  const { time, event } = outcomes;
  const censoring = options.censoring ?? censoringSurvival(time, event);
  const tau = options.tau ?? Math.max(...options.horizons);
  const byHorizon = options.horizons.map((t) => {
    const s = survivalColumn(predictions, t);
    const riskAtT = Float64Array.from(s, (v) => 1 - v);
    return {
      horizon: t,
      auc: cumulativeDynamicAuc(riskAtT, time, event, t, censoring),
      // KS at t: events by t against the event-free after t; rows censored before t have no status and drop out.
      ks: ksStatistic(riskAtT, statusAt(time, event, t)),
      brier: brierScoreAt(s, time, event, t, censoring),
    };
  });
  let events = 0;
  for (let i = 0; i < event.length; i++) if (event[i] !== 0) events++;
  return {
    rows: time.length,
    events,
    harrellC: harrellC(predictions.risk, time, event).cIndex,
    unoC: unoC(predictions.risk, time, event, censoring, tau).cIndex,
    tau,
    byHorizon,
    ibs: integratedBrierScore(predictions.survival, predictions.grid, time, event, censoring),
    ibsRange: [predictions.grid[0], predictions.grid[predictions.grid.length - 1]],
    ...(predictions.periods
      ? { meanPeriodAuc: meanOfFinite(perPeriodAuc(predictions.periods.survival, predictions.periods.ends, time, event)) }
      : {}),
    censoringFrom: options.censoring ? 'training' : 'test',
  };
}

export function survivalColumn(predictions: SurvivalPredictions, t: number): ArrayLike<number> {
  const k = predictions.grid.indexOf(t);
  if (k < 0) {
    throw new RiskError('LEARN_HORIZON_MISSING', `no survival column at horizon ${t}`, {
      horizon: t,
      grid: predictions.grid,
    });
  }
  return predictions.survival[k];
}

function meanOfFinite(values: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : NaN;
}
