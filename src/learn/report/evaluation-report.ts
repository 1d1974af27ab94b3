// Builds what an evaluation report shows from predictions and outcomes: the metrics table and the chart data
// (ROC, KS curve, calibration by decile, survival by score band, lift). Rendering is html-report.ts's job.
import { ksStatistic, rocCurve, thinCurve } from '../../stats/index.js';
import {
  binaryMetrics,
  calibrationByDecile,
  evaluateSurvival,
  liftTable,
  statusAt,
  survivalByScoreBand,
  survivalCalibrationAt,
  survivalColumn,
  type CalibrationRow,
  type LiftRow,
  type ScoreBandCurve,
  type SurvivalEvaluationOptions,
  type SurvivalOutcomes,
  type SurvivalPredictions,
} from '../metrics/index.js';

export interface MetricRow {
  readonly metric: string;
  readonly value: number;
  readonly note?: string;
}

export interface CurveData {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface EvaluationReport {
  readonly title: string;
  readonly kind: 'binary' | 'survival';
  /** Model, data, rows, events... shown above the metrics. */
  readonly facts: readonly (readonly [string, string])[];
  readonly metrics: readonly MetricRow[];
  readonly roc: CurveData;
  /** Share of events and of non-events captured against the share of rows flagged, riskiest first. */
  readonly ksEvents: CurveData;
  readonly ksNonEvents: CurveData;
  /** The exact KS of the charted score (the drawn curves are thinned). */
  readonly ksStatistic: number;
  readonly calibration: { readonly label: string; readonly rows: readonly CalibrationRow[] };
  readonly bands?: readonly ScoreBandCurve[];
  readonly lift?: readonly LiftRow[];
  readonly notes: readonly string[];
}

const CHART_POINTS = 400;

export function buildBinaryReport(input: {
  title: string;
  facts: readonly (readonly [string, string])[];
  prob: ArrayLike<number>;
  label: ArrayLike<number>;
}): EvaluationReport {
  const m = binaryMetrics(input.prob, input.label);
  return {
    title: input.title,
    kind: 'binary',
    facts: [...input.facts, ['rows', String(m.rows)], ['event rate', pct(m.eventRate)]],
    metrics: [
      { metric: 'AUC', value: m.auc },
      { metric: 'Gini', value: m.gini },
      { metric: 'KS', value: m.ks },
      { metric: 'Brier', value: m.brier },
      { metric: 'Log loss', value: m.logLoss },
      { metric: 'Lift @10%', value: m.liftAt10, note: 'event rate in the riskiest 10% / overall' },
    ],
    ...discriminationCurves(input.prob, input.label, 'ROC'),
    calibration: { label: 'Calibration by decile of predicted PD', rows: calibrationByDecile(input.prob, input.label) },
    lift: liftTable(input.prob, input.label),
    notes: ['Higher predicted PD = riskier. KS and ROC use every row.'],
  };
}

export function buildSurvivalReport(input: {
  title: string;
  facts: readonly (readonly [string, string])[];
  predictions: SurvivalPredictions;
  outcomes: SurvivalOutcomes;
  options: SurvivalEvaluationOptions;
  /** Horizon for the ROC, KS and calibration charts (default: the middle horizon). */
  chartHorizon?: number;
}): EvaluationReport {
  const { predictions, outcomes, options } = input;
  const s = evaluateSurvival(predictions, outcomes, options);
  const t = input.chartHorizon ?? options.horizons[Math.floor((options.horizons.length - 1) / 2)];
  const riskAtT = Float64Array.from(survivalColumn(predictions, t), (v) => 1 - v);
  const metrics: MetricRow[] = [
    { metric: "Harrell's C", value: s.harrellC },
    { metric: "Uno's C", value: s.unoC, note: `tau = ${s.tau}, IPCW from ${s.censoringFrom} censoring` },
  ];
  for (const h of s.byHorizon) {
    metrics.push({ metric: `AUC(${h.horizon})`, value: h.auc, note: 'cumulative/dynamic, IPCW' });
    metrics.push({ metric: `KS(${h.horizon})`, value: h.ks, note: 'events by t vs event-free after t' });
    metrics.push({ metric: `Brier(${h.horizon})`, value: h.brier, note: 'IPCW (Graf)' });
  }
  metrics.push({ metric: 'IBS', value: s.ibs, note: `integrated over [${s.ibsRange[0]}, ${s.ibsRange[1]}]` });
  if (s.meanPeriodAuc !== undefined) {
    const ends = predictions.periods!.ends;
    metrics.push({ metric: 'mean period AUC', value: s.meanPeriodAuc, note: `GBST per-period AUC on S(t) at the ${ends.length} period ends ${ends[0]}..${ends[ends.length - 1]}` });
  }
  return {
    title: input.title,
    kind: 'survival',
    facts: [...input.facts, ['rows', String(s.rows)], ['events', String(s.events)]],
    metrics,
    ...discriminationCurves(riskAtT, statusAt(outcomes.time, outcomes.event, t), `ROC at t = ${t}`),
    calibration: {
      label: `Calibration at t = ${t}: predicted vs Kaplan-Meier P(event by t), by decile`,
      rows: survivalCalibrationAt(survivalColumn(predictions, t), outcomes.time, outcomes.event, t),
    },
    bands: survivalByScoreBand(predictions.risk, outcomes.time, outcomes.event, 5),
    notes: [
      `ROC and KS charts at t = ${t} leave out rows censored before t (no IPCW in the charts; the table's AUC uses IPCW).`,
      'Score bands are quintiles of the risk score; band 5 is the riskiest.',
    ],
  };
}

function discriminationCurves(score: ArrayLike<number>, label: ArrayLike<number>, rocLabel: string) {
  const roc = thinCurve(rocCurve(score, label), CHART_POINTS);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < label.length; i++) {
    if (Number.isNaN(label[i]) || Number.isNaN(score[i])) continue;
    if (label[i] !== 0) pos++;
    else neg++;
  }
  const population = Array.from(roc.truePositiveRate, (tp, k) => (tp * pos + roc.falsePositiveRate[k] * neg) / (pos + neg));
  return {
    roc: { label: rocLabel, x: Array.from(roc.falsePositiveRate), y: Array.from(roc.truePositiveRate) },
    ksEvents: { label: 'events captured', x: population, y: Array.from(roc.truePositiveRate) },
    ksNonEvents: { label: 'non-events captured', x: population, y: Array.from(roc.falsePositiveRate) },
    ksStatistic: ksStatistic(score, label),
  };
}

function pct(v: number): string {
  return `${(100 * v).toFixed(2)}%`;
}
