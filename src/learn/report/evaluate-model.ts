// Scores a table with a loaded model and builds its evaluation report: survival models (gbst, cox) against a
// time and event column, binary models (gbdt, scorecard) against a 0/1 target. The CLI and benchmarks call this.
import { RiskError } from '../../core/index.js';
import { readFileSync } from 'node:fs';
import { FeatureEncoder, isSurvivalModel, loadModel, type CoxArtifact, type ScoringModel } from '../../model/index.js';
import type { Table } from '../data/table.js';
import { censoringSurvival, type SurvivalPredictions } from '../metrics/index.js';
import { targetLabels } from '../scorecard/scorecard-spec.js';
import { buildBinaryReport, buildSurvivalReport, type EvaluationReport } from './evaluation-report.js';
import { scorePsiRow } from './score-stability.js';

export interface EvaluateModelOptions {
  /** Binary: the 0/1 target, or a categorical target with eventLevel. */
  readonly target?: string;
  readonly eventLevel?: string;
  /** Survival: time and event (non-zero = event) columns and the horizons to report. */
  readonly time?: string;
  readonly event?: string;
  readonly horizons?: readonly number[];
  /**
   * Training data: its scores are the baseline of the score PSI; survival: its outcomes (time and event columns)
   * give the IPCW censoring distribution (default: the evaluated table's own).
   */
  readonly training?: Table;
  readonly title?: string;
  readonly facts?: readonly (readonly [string, string])[];
}

const SURVIVAL_KINDS = new Set(['gbst', 'cox']);

/** Reads a model artifact file and loads it (any registered kind, scorecards included). */
export function loadModelFile(path: string): ScoringModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RiskError('LEARN_MODEL_FILE_UNREADABLE', `cannot read model file ${path}`, { path, reason: String(err) });
  }
  return loadModel(text);
}

export function evaluateModel(model: ScoringModel, table: Table, options: EvaluateModelOptions): EvaluationReport {
  const facts: [string, string][] = [['model kind', model.kind], ['features', String(model.features.length)], ...(options.facts ?? []).map((f) => [...f] as [string, string])];
  if (options.time || options.event) {
    if (!options.time || !options.event) {
      throw new RiskError('LEARN_PARAM_INVALID', 'survival evaluation needs both a time and an event column', { time: options.time, event: options.event });
    }
    if (!SURVIVAL_KINDS.has(model.kind)) {
      throw new RiskError('LEARN_PARAM_INVALID', `a ${model.kind} model has no survival curve; evaluate it with a target`, { kind: model.kind });
    }
    const horizons = options.horizons && options.horizons.length > 0 ? options.horizons : defaultHorizons(table.numeric(options.time), lastModelTime(model));
    const grid = survivalGrid(horizons);
    const training = options.training;
    const report = buildSurvivalReport({
      title: options.title ?? `${model.kind} survival evaluation`,
      facts,
      predictions: scoreSurvival(model, table, grid),
      outcomes: { time: table.numeric(options.time), event: table.numeric(options.event) },
      options: {
        horizons,
        censoring: training ? censoringSurvival(training.numeric(options.time), training.numeric(options.event)) : undefined,
      },
    });
    return training ? withScorePsi(report, model, training, scoreBinary(model, table)) : report;
  }
  if (!options.target) throw new RiskError('LEARN_PARAM_INVALID', 'evaluation needs --target, or --time and --event', {});
  const label = targetLabels(table, options.target, options.eventLevel);
  const prob = scoreBinary(model, table);
  const report = buildBinaryReport({ title: options.title ?? `${model.kind} evaluation`, facts, prob, label });
  return options.training ? withScorePsi(report, model, options.training, prob) : report;
}

/** The report with the score PSI of the evaluated rows' risk scores against the training rows'. */
function withScorePsi(report: EvaluationReport, model: ScoringModel, training: Table, scores: Float64Array): EvaluationReport {
  return { ...report, metrics: [...report.metrics, scorePsiRow(scoreBinary(model, training), scores)] };
}

/**
 * Concordance risk (see ScoringModel.concordanceRisk: −RMST for GBST, log hazard ratio for Cox) and survival on
 * the grid for every row; for GBST also survival at its period ends k·L, k = 1..J (the per-period AUC's times).
 */
export function scoreSurvival(model: ScoringModel, table: Table, grid: readonly number[]): SurvivalPredictions {
  const fill = new FeatureEncoder(model.features, model.artifact.featureInfo).rowFiller(table);
  const x = new Float64Array(model.features.length);
  const risk = new Float64Array(table.rowCount);
  const survival = grid.map(() => new Float64Array(table.rowCount));
  const ends = isSurvivalModel(model) ? Array.from({ length: model.periods }, (_, k) => (k + 1) * model.periodLength) : [];
  const atEnds = ends.map(() => new Float64Array(table.rowCount));
  for (let i = 0; i < table.rowCount; i++) {
    fill(i, x);
    risk[i] = model.concordanceRisk ? model.concordanceRisk(x) : model.riskScore(x);
    const s = model.survivalAt(x, grid);
    for (let k = 0; k < grid.length; k++) survival[k][i] = s[k];
    if (ends.length === 0) continue;
    const e = model.survivalAt(x, ends);
    for (let k = 0; k < ends.length; k++) atEnds[k][i] = e[k];
  }
  return { risk, grid, survival, ...(ends.length > 0 ? { periods: { ends, survival: atEnds } } : {}) };
}

/** Every row's riskScore: the predicted probability of the event (binary kinds), PD over J·L (gbst), log hazard ratio (cox). */
export function scoreBinary(model: ScoringModel, table: Table): Float64Array {
  const fill = new FeatureEncoder(model.features, model.artifact.featureInfo).rowFiller(table);
  const x = new Float64Array(model.features.length);
  const out = new Float64Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    fill(i, x);
    out[i] = model.riskScore(x);
  }
  return out;
}

/** The horizons plus about 24 evenly spaced times up to the largest, for the integrated Brier score. */
export function survivalGrid(horizons: readonly number[]): number[] {
  const max = Math.max(...horizons);
  const step = max / 24;
  const points = new Set<number>(horizons);
  for (let k = 1; k <= 24; k++) points.add(Number((k * step).toPrecision(10)));
  return [...points].sort((a, b) => a - b);
}

/**
 * Quartiles of the observed times, when no horizons are given, capped at the model's last time (a GBST model has
 * no survival past J·L and refuses such horizons); quartiles that coincide, or are all capped, count once.
 */
export function defaultHorizons(time: Float64Array, lastTime = Infinity): number[] {
  const sorted = Float64Array.from(time).sort();
  const q = (p: number) => Math.min(lastTime, sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  return [...new Set([q(0.25), q(0.5), q(0.75)])];
}

/** The last time a survival model speaks for: J·L for GBST, the last baseline time for Cox (flat after it). */
export function lastModelTime(model: ScoringModel): number {
  if (isSurvivalModel(model)) return model.periods * model.periodLength;
  const times = (model.artifact as Partial<CoxArtifact>).baseline?.times;
  return times && times.length > 0 ? times[times.length - 1] : Infinity;
}
