// Survival views by groups of the risk score: Kaplan-Meier curves per score band (for report charts) and
// calibration at a horizon by decile (mean predicted P(event by t) vs 1 - KM(t) observed in the decile).
import { kaplanMeier, stepValueAt, type StepFunction } from './kaplan-meier.js';
import { rankGroups } from './rank-groups.js';
import type { CalibrationRow } from './binary-metrics.js';

export interface ScoreBandCurve {
  /** 1 = lowest risk band. */
  readonly band: number;
  readonly rows: number;
  readonly events: number;
  readonly curve: StepFunction;
}

/** KM per band of the risk score (higher risk = higher band). */
export function survivalByScoreBand(
  risk: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  bands = 5,
): ScoreBandCurve[] {
  const g = rankGroups(risk, bands);
  return Array.from({ length: g.count }, (_, k) => {
    const t: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < risk.length; i++) {
      if (g.groupOf[i] !== k) continue;
      t.push(time[i]);
      e.push(event[i]);
    }
    return { band: k + 1, rows: t.length, events: e.filter((v) => v !== 0).length, curve: kaplanMeier(t, e) };
  });
}

/** Calibration at horizon t: deciles of predicted 1 - S(t|x); observed is 1 - KM(t) within each decile. */
export function survivalCalibrationAt(
  survivalAtT: ArrayLike<number>,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  t: number,
  groups = 10,
): CalibrationRow[] {
  const predicted = Float64Array.from(survivalAtT, (s) => 1 - s);
  const g = rankGroups(predicted, groups);
  return Array.from({ length: g.count }, (_, k) => {
    const tt: number[] = [];
    const ee: number[] = [];
    let sum = 0;
    for (let i = 0; i < predicted.length; i++) {
      if (g.groupOf[i] !== k) continue;
      tt.push(time[i]);
      ee.push(event[i]);
      sum += predicted[i];
    }
    return { group: k + 1, rows: tt.length, meanPredicted: sum / tt.length, observed: 1 - stepValueAt(kaplanMeier(tt, ee), t) };
  });
}
