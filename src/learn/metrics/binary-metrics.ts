// Metrics for a predicted probability of a binary event (default = 1): discrimination, lift, calibration, Brier.
// Discrimination comes from stats (auc, ks); this adds the tables reports print.
import { RiskError } from '../../core/index.js';
import { auc, ksTest } from '../../stats/index.js';
import { rankGroups } from './rank-groups.js';

export interface LiftRow {
  /** 1 = the riskiest group. */
  readonly group: number;
  readonly rows: number;
  readonly events: number;
  readonly eventRate: number;
  readonly lift: number;
  /** Share of all events captured by this and riskier groups. */
  readonly cumulativeCapture: number;
  readonly cumulativeLift: number;
}

export interface CalibrationRow {
  /** 1 = lowest predicted. */
  readonly group: number;
  readonly rows: number;
  readonly meanPredicted: number;
  readonly observed: number;
}

export interface BinaryMetrics {
  readonly rows: number;
  readonly eventRate: number;
  readonly auc: number;
  readonly gini: number;
  readonly ks: number;
  readonly brier: number;
  readonly logLoss: number;
  /** Event rate in the riskiest 10% over the overall event rate. */
  readonly liftAt10: number;
}

export function binaryMetrics(prob: ArrayLike<number>, label: ArrayLike<number>): BinaryMetrics {
  checkProb(prob, label);
  let events = 0;
  let brier = 0;
  let logLoss = 0;
  const eps = 1e-15;
  for (let i = 0; i < prob.length; i++) {
    const y = label[i] !== 0 ? 1 : 0;
    const p = Math.min(1 - eps, Math.max(eps, prob[i]));
    events += y;
    brier += (prob[i] - y) ** 2;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  const n = prob.length;
  const a = auc(prob, label);
  return {
    rows: n,
    eventRate: events / n,
    auc: a,
    gini: 2 * a - 1,
    ks: ksTest(prob, label).ks,
    brier: brier / n,
    logLoss: logLoss / n,
    liftAt10: liftTable(prob, label, 10)[0]?.lift ?? NaN,
  };
}

/** Groups by descending predicted risk (group 1 = riskiest). */
export function liftTable(prob: ArrayLike<number>, label: ArrayLike<number>, groups = 10): LiftRow[] {
  checkProb(prob, label);
  const negated = Float64Array.from(prob, (p) => -p);
  const g = rankGroups(negated, groups);
  const rows = new Float64Array(g.count);
  const events = new Float64Array(g.count);
  let totalEvents = 0;
  for (let i = 0; i < prob.length; i++) {
    if (g.groupOf[i] < 0) continue;
    rows[g.groupOf[i]]++;
    if (label[i] !== 0) {
      events[g.groupOf[i]]++;
      totalEvents++;
    }
  }
  const overall = totalEvents / prob.length;
  const out: LiftRow[] = [];
  let cumRows = 0;
  let cumEvents = 0;
  for (let k = 0; k < g.count; k++) {
    cumRows += rows[k];
    cumEvents += events[k];
    const rate = events[k] / rows[k];
    out.push({
      group: k + 1,
      rows: rows[k],
      events: events[k],
      eventRate: rate,
      lift: overall > 0 ? rate / overall : NaN,
      cumulativeCapture: totalEvents > 0 ? cumEvents / totalEvents : NaN,
      cumulativeLift: overall > 0 ? cumEvents / cumRows / overall : NaN,
    });
  }
  return out;
}

/** Mean prediction vs observed event rate by decile of the prediction (ascending). */
export function calibrationByDecile(prob: ArrayLike<number>, label: ArrayLike<number>, groups = 10): CalibrationRow[] {
  checkProb(prob, label);
  const g = rankGroups(prob, groups);
  const rows = new Float64Array(g.count);
  const predicted = new Float64Array(g.count);
  const observed = new Float64Array(g.count);
  for (let i = 0; i < prob.length; i++) {
    const k = g.groupOf[i];
    if (k < 0) continue;
    rows[k]++;
    predicted[k] += prob[i];
    observed[k] += label[i] !== 0 ? 1 : 0;
  }
  return Array.from({ length: g.count }, (_, k) => ({
    group: k + 1,
    rows: rows[k],
    meanPredicted: predicted[k] / rows[k],
    observed: observed[k] / rows[k],
  }));
}

function checkProb(prob: ArrayLike<number>, label: ArrayLike<number>): void {
  if (prob.length !== label.length) {
    throw new RiskError('LEARN_LENGTH_MISMATCH', 'predictions and labels differ in length', {
      predictions: prob.length,
      labels: label.length,
    });
  }
  if (prob.length === 0) throw new RiskError('LEARN_DATA_EMPTY', 'no rows to evaluate', {});
}
