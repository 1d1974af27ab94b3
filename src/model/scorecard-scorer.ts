// Scores a points scorecard (kind 'scorecard'): each variable's value falls in one bin, bins carry points, the
// score is their sum. Higher score = LOWER risk; score = offset + factor * ln(good:bad odds), factor = PDO / ln 2.
// Reason codes are the variables that lost the most points against their best bin. Training lives in learn/scorecard.
import { RiskError } from '../core/index.js';
import { artifactError, type ModelArtifactBase } from './model-artifact.js';
import { ScorerBase, type BinaryScoringModel, type Contribution, type PredictOptions } from './scoring-model.js';

export interface ScorecardBin {
  /** Human-readable attribute, e.g. "(650, 700]", "rent, other", "missing". */
  readonly label: string;
  /** Numeric bins: values <= upper (and above the previous bin's upper); null = no upper limit. */
  readonly upper?: number | null;
  /** Categorical bins: the levels they hold. */
  readonly levels?: readonly string[];
  /** The bin for missing values. */
  readonly missing?: boolean;
  readonly woe: number;
  readonly points: number;
  /** Training counts behind the WoE (events = bads). */
  readonly events: number;
  readonly nonEvents: number;
}

export interface ScorecardVariable {
  readonly feature: string;
  readonly type: 'numeric' | 'categorical';
  readonly coefficient: number;
  readonly iv: number;
  /** Numeric: non-missing bins in ascending order, then an optional missing bin. */
  readonly bins: readonly ScorecardBin[];
  /** Points for a missing value without a missing bin, or an unseen level: the variable's lowest points. */
  readonly fallbackPoints: number;
}

export interface ScorecardScaling {
  /** Score at baseOdds. */
  readonly baseScore: number;
  /** Good:bad odds at baseScore. */
  readonly baseOdds: number;
  /** Points to double the good:bad odds. */
  readonly pdo: number;
  readonly factor: number;
  readonly offset: number;
}

export interface ScorecardArtifact extends ModelArtifactBase {
  readonly kind: 'scorecard';
  readonly target: string;
  /** Logistic intercept on log-odds of the event (bad). */
  readonly intercept: number;
  readonly scaling: ScorecardScaling;
  readonly variables: readonly ScorecardVariable[];
}

export interface ReasonCode {
  readonly feature: string;
  readonly attribute: string;
  readonly points: number;
  /** Points lost against the variable's best attribute (>= 0). */
  readonly pointsLost: number;
}

interface CompiledVariable {
  readonly numericUppers: Float64Array;
  readonly numericPoints: Float64Array;
  /** Categorical: points by the encoder's level code. */
  readonly pointsByCode: Float64Array;
  readonly labelByCode: readonly string[];
  readonly missingPoints: number;
  readonly missingLabel: string;
  readonly maxPoints: number;
  readonly source: ScorecardVariable;
}

export class ScorecardScorer extends ScorerBase implements BinaryScoringModel {
  readonly scaling: ScorecardScaling;
  private readonly compiled: CompiledVariable[];

  constructor(artifact: ScorecardArtifact) {
    super(artifact);
    checkArtifact(artifact);
    this.scaling = artifact.scaling;
    this.compiled = artifact.variables.map((v, f) => compile(v, artifact.featureInfo?.[f]?.levels));
  }

  /** Total points; higher = safer. */
  score(values: Float64Array): number {
    let s = 0;
    for (let f = 0; f < this.compiled.length; f++) s += this.lookup(f, values[f]).points;
    return s;
  }

  /** Probability of the event (bad): 1 / (1 + good:bad odds), odds = exp((score - offset) / factor). */
  predictRow(values: Float64Array): number {
    return 1 / (1 + Math.exp((this.score(values) - this.scaling.offset) / this.scaling.factor));
  }

  riskScore(values: Float64Array): number {
    return this.predictRow(values);
  }

  /** Points minus the variable's best points (<= 0): the risk-increasing share of each variable. */
  featureContributions(values: Float64Array): Float64Array {
    return Float64Array.from(this.compiled, (c, f) => this.lookup(f, values[f]).points - c.maxPoints);
  }

  /** Reason codes: variables that lost points against their best attribute, largest loss first. */
  reasonCodes(values: Float64Array, topN = 4): ReasonCode[] {
    const out: ReasonCode[] = [];
    for (let f = 0; f < this.compiled.length; f++) {
      const hit = this.lookup(f, values[f]);
      const lost = this.compiled[f].maxPoints - hit.points;
      if (lost > 0) out.push({ feature: this.features[f], attribute: hit.label, points: hit.points, pointsLost: lost });
    }
    out.sort((a, b) => b.pointsLost - a.pointsLost || a.feature.localeCompare(b.feature));
    return out.slice(0, topN);
  }

  /** score = points; expected = the best attainable points; contributions are the losses, most negative first. */
  override topContributions(values: Float64Array, topN: number): Contribution[] {
    return this.selectContributions(values, this.featureContributions(values), topN, -1);
  }

  /** score = points; expected = the best attainable points; contributions are the losses, most negative first. */
  protected explainedScore(values: Float64Array): { score: number; expected: number } {
    return { score: this.score(values), expected: this.compiled.reduce((s, c) => s + c.maxPoints, 0) };
  }

  protected outputNames(options: PredictOptions): string[] {
    if (options.horizons && options.horizons.length > 0) {
      throw new RiskError('MODEL_HORIZON_UNSUPPORTED', 'a scorecard predicts one PD; horizons apply to survival models', {});
    }
    return ['pd', 'score'];
  }

  protected predictInto(values: Float64Array, _options: PredictOptions, out: Float64Array): void {
    const s = this.score(values);
    out[0] = 1 / (1 + Math.exp((s - this.scaling.offset) / this.scaling.factor));
    out[1] = s;
  }

  private lookup(f: number, v: number): { points: number; label: string } {
    const c = this.compiled[f];
    if (v !== v) return { points: c.missingPoints, label: c.missingLabel };
    if (c.source.type === 'categorical') {
      const p = Number.isInteger(v) && v >= 0 && v < c.pointsByCode.length ? c.pointsByCode[v] : NaN;
      return p === p ? { points: p, label: c.labelByCode[v] } : { points: c.source.fallbackPoints, label: 'unseen level' };
    }
    const uppers = c.numericUppers;
    let lo = 0;
    let hi = uppers.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= uppers[mid]) hi = mid;
      else lo = mid + 1;
    }
    return { points: c.numericPoints[lo], label: c.source.bins[lo].label };
  }
}

function compile(v: ScorecardVariable, levels: readonly string[] | undefined): CompiledVariable {
  const present = v.bins.filter((b) => !b.missing);
  const missingBin = v.bins.find((b) => b.missing);
  const maxPoints = Math.max(...v.bins.map((b) => b.points));
  const pointsByCode = new Float64Array(levels?.length ?? 0).fill(NaN);
  const labelByCode: string[] = [];
  if (v.type === 'categorical') {
    const index = new Map((levels ?? []).map((l, i) => [l, i]));
    for (const b of present) {
      for (const l of b.levels ?? []) {
        const code = index.get(l);
        if (code === undefined) continue;
        pointsByCode[code] = b.points;
        labelByCode[code] = b.label;
      }
    }
  }
  return {
    numericUppers: Float64Array.from(present, (b) => (b.upper === null || b.upper === undefined ? Infinity : b.upper)),
    numericPoints: Float64Array.from(present, (b) => b.points),
    pointsByCode,
    labelByCode,
    missingPoints: missingBin ? missingBin.points : v.fallbackPoints,
    missingLabel: missingBin ? missingBin.label : 'missing',
    maxPoints,
    source: v,
  };
}

function checkArtifact(a: ScorecardArtifact): void {
  const s = a.scaling;
  if (!s || !(s.factor > 0) || !Number.isFinite(s.offset)) throw artifactError('a scorecard needs scaling with a positive factor and an offset');
  if (!Array.isArray(a.variables) || a.variables.length !== a.features.length) {
    throw artifactError('a scorecard has one variable per feature, in feature order', { features: a.features.length });
  }
  a.variables.forEach((v, f) => {
    if (v.feature !== a.features[f]) throw artifactError(`variable ${f} is "${v.feature}", feature ${f} is "${a.features[f]}"`);
    const present = ((v.bins ?? []) as readonly ScorecardBin[]).filter((b) => !b.missing);
    if (present.length === 0) throw artifactError(`variable "${v.feature}" has no bins`, { feature: v.feature });
    if (v.type === 'numeric') {
      const last = present[present.length - 1];
      if (last.upper !== null && last.upper !== undefined) throw artifactError(`the last bin of "${v.feature}" must be open-ended`);
      for (let k = 1; k < present.length - 1; k++) {
        if (!((present[k].upper as number) > (present[k - 1].upper as number))) {
          throw artifactError(`bins of "${v.feature}" must have ascending upper bounds`, { feature: v.feature });
        }
      }
    } else if (!a.featureInfo?.[f]?.levels) {
      throw artifactError(`categorical variable "${v.feature}" needs its levels in featureInfo`, { feature: v.feature });
    }
  });
}

export function createScorecardScorer(artifact: ModelArtifactBase): ScorecardScorer {
  return new ScorecardScorer(artifact as ScorecardArtifact);
}
