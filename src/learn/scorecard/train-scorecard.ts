// Trains a points scorecard: bin every candidate, keep those with enough information value, fit a logistic
// regression on their WoE, drop variables whose coefficient has the wrong sign (refit), and scale to points.
// Returns the 'scorecard' artifact (scored by model/ScorecardScorer) and the WoE/IV tables behind it.
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type FeatureInfo,
  type ScorecardArtifact,
  type ScorecardVariable,
} from '../../model/index.js';
import type { Table } from '../data/table.js';
import { fitLogistic } from './logistic-regression.js';
import { attributePoints, pointsScaling } from './points-scaling.js';
import { resolveScorecardSpec, targetLabels, type ScorecardSpec } from './scorecard-spec.js';
import { binVariable, type VariableBinning } from './variable-binning.js';

export interface ScorecardVariableSummary {
  readonly feature: string;
  readonly iv: number;
  readonly selected: boolean;
  /** Why a candidate was left out. */
  readonly dropped?: 'low-iv' | 'wrong-sign' | 'single-bin';
  readonly coefficient?: number;
  readonly binning: VariableBinning;
}

export interface ScorecardTrainingResult {
  readonly artifact: ScorecardArtifact;
  /** Every candidate, strongest first. */
  readonly variables: readonly ScorecardVariableSummary[];
  readonly iterations: number;
}

export function trainScorecard(table: Table, spec: ScorecardSpec): ScorecardTrainingResult {
  const started = performance.now();
  const s = resolveScorecardSpec(table, spec);
  const label = targetLabels(table, s.target, s.eventLevel);
  const limits = {
    method: s.binning,
    maxBins: s.maxBins,
    minCount: Math.max(1, Math.ceil(s.minBinShare * table.rowCount)),
    chiThreshold: s.chiThreshold,
    fineBins: s.fineBins,
  };
  const binnings = s.features.map((f) => binVariable(table.column(f), label, limits)).sort((a, b) => b.iv - a.iv);
  const dropped = new Map<string, ScorecardVariableSummary['dropped']>();
  for (const b of binnings) {
    if (b.bins.length < 2) dropped.set(b.feature, 'single-bin');
    else if (b.iv < s.minIv) dropped.set(b.feature, 'low-iv');
  }
  // WoE is ln(good share / bad share), so a sound variable has a NEGATIVE coefficient on logit(P(bad)).
  // A positive one means collinearity flipped it; drop the worst offender and refit until none is left.
  let selected = binnings.filter((b) => !dropped.has(b.feature));
  let fit = fitOn(selected);
  for (;;) {
    let worst = -1;
    fit.coefficients.forEach((c, j) => {
      if (c > 0 && (worst < 0 || c > fit.coefficients[worst])) worst = j;
    });
    if (worst < 0 || selected.length === 0) break;
    dropped.set(selected[worst].feature, 'wrong-sign');
    selected = selected.filter((_, j) => j !== worst);
    fit = fitOn(selected);
  }

  const scaling = pointsScaling(s.baseScore, s.baseOdds, s.pdo);
  const m = selected.length;
  const variables: ScorecardVariable[] = selected.map((b, j) => {
    const bins = b.bins.map((bin) => {
      const raw = attributePoints(scaling, fit.intercept, fit.coefficients[j], bin.woe, m);
      const { label: attribute, upper, levels, missing, events, nonEvents, woe } = bin;
      return { label: attribute, upper, levels, missing, events, nonEvents, woe, points: s.roundPoints ? Math.round(raw) : raw };
    });
    return {
      feature: b.feature,
      type: b.type,
      coefficient: fit.coefficients[j],
      iv: b.iv,
      bins,
      fallbackPoints: Math.min(...bins.map((x) => x.points)),
    };
  });
  const featureInfo: FeatureInfo[] = selected.map((b) => {
    const col = table.column(b.feature);
    return col.kind === 'categorical' ? { name: b.feature, type: 'categorical', levels: col.levels } : { name: b.feature, type: 'numeric' };
  });
  const artifact: ScorecardArtifact = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'scorecard',
    target: s.target,
    features: selected.map((b) => b.feature),
    featureInfo,
    intercept: fit.intercept,
    scaling,
    variables,
    training: {
      seconds: (performance.now() - started) / 1000,
      rounds: fit.iterations,
      // What `rounds` holds for a scorecard, by its right name: Newton (IRLS) iterations of the final fit.
      iterations: fit.iterations,
      rows: table.rowCount,
      params: {
        binning: s.binning,
        maxBins: s.maxBins,
        minBinShare: s.minBinShare,
        fineBins: s.fineBins,
        minIv: s.minIv,
        l2: s.l2,
        roundPoints: s.roundPoints,
        ...(s.eventLevel !== undefined ? { eventLevel: s.eventLevel } : {}),
      },
    },
  };
  return {
    artifact,
    iterations: fit.iterations,
    variables: binnings.map((b) => {
      const j = selected.indexOf(b);
      return {
        feature: b.feature,
        iv: b.iv,
        selected: j >= 0,
        binning: b,
        ...(j >= 0 ? { coefficient: fit.coefficients[j] } : { dropped: dropped.get(b.feature) }),
      };
    }),
  };

  function fitOn(vars: readonly VariableBinning[]) {
    const columns = vars.map((b) => Float64Array.from(b.binOfRow, (k) => b.bins[k].woe));
    return fitLogistic(columns, label, { l2: s.l2 });
  }
}
