// GBST's discrete-time hazard loss (Bai, Zheng & Shen 2021): each loan contributes a Bernoulli term per period of
// its risk set j ≤ t, target 1 only in period t when it defaulted there. Censored loans add survival terms only;
// gradients and hessians beyond t are exactly zero, and weights scale both. Starts at the life-table hazards.
import { RiskError } from '../../core/index.js';
import { logit, sigmoid } from '../../model/index.js';
import { sigmoidFromExp, softplus, weightOf, type Objective, type ObjectiveLabels, type ObjectiveParams } from './objective.js';
import { lifeTableHazards, toPeriods, type PeriodLabels } from './survival-periods.js';

/** Initial hazards are clamped so a period without defaults starts finite rather than at −∞. */
const INIT_HAZARD_FLOOR = 1e-7;

export class GbstObjective implements Objective {
  readonly name = 'gbst';
  readonly outputs: number;
  readonly rowCount: number;
  readonly activeOutputs: Int32Array;
  readonly labels: PeriodLabels;
  readonly usesExpScores = true;
  readonly hazardLabels: PeriodLabels | undefined;
  private readonly w: Float64Array | undefined;
  private readonly zeroed = new WeakSet<Float32Array>();

  constructor(labels: ObjectiveLabels, params: ObjectiveParams) {
    if (!labels.time || !labels.event) throw new RiskError('LEARN_LABEL_MISSING', 'the gbst objective needs time and event columns', {});
    const periods = params.periods ?? 0;
    const periodLength = params.periodLength ?? 1;
    if (!Number.isInteger(periods) || periods < 1) throw new RiskError('LEARN_PARAM_INVALID', 'periods must be a positive integer', { periods });
    if (!(periodLength > 0)) throw new RiskError('LEARN_PARAM_INVALID', 'periodLength must be positive', { periodLength });
    this.outputs = periods;
    this.labels = toPeriods(labels.time, labels.event, periods, periodLength);
    this.activeOutputs = this.labels.period;
    this.rowCount = labels.time.length;
    this.w = labels.weight;
    this.hazardLabels = this.w === undefined ? this.labels : undefined;
  }

  initScores(): Float64Array {
    const h = lifeTableHazards(this.labels, this.w, this.outputs);
    return Float64Array.from(h, (v) => logit(v, INIT_HAZARD_FLOOR));
  }

  gradients(raw: Float64Array, gh: Float32Array, expRaw?: Float64Array): void {
    const K = this.outputs;
    // Entries beyond a loan's risk set are never written, so a buffer needs zeroing there only once.
    if (!this.zeroed.has(gh)) {
      gh.fill(0);
      this.zeroed.add(gh);
    }
    const scores = expRaw ?? raw;
    for (let i = 0; i < this.rowCount; i++) this.rowGradients(i, scores, expRaw !== undefined, gh, K);
  }

  gradientsOfRange(begin: number, end: number, expRaw: Float64Array, gh: Float32Array): void {
    const K = this.outputs;
    for (let i = begin; i < end; i++) this.rowGradients(i, expRaw, true, gh, K);
  }

  /** Row i's pairs for periods 1..t from exp(F) (fromExp) or F: gradient w(h − y), hessian w·h(1 − h). */
  private rowGradients(i: number, scores: Float64Array, fromExp: boolean, gh: Float32Array, K: number): void {
    const wi = this.w === undefined ? 1 : this.w[i];
    const t = this.labels.period[i];
    const base = i * K;
    for (let j = 0; j < t; j++) {
      const h = fromExp ? sigmoidFromExp(scores[base + j]) : sigmoid(scores[base + j]);
      gh[2 * (base + j)] = wi * h;
      gh[2 * (base + j) + 1] = wi * h * (1 - h);
    }
    // The target is 1 only in the last period at risk, and only for a default.
    if (this.labels.event[i] === 1) {
      const s = scores[base + t - 1];
      gh[2 * (base + t - 1)] = wi * ((fromExp ? sigmoidFromExp(s) : sigmoid(s)) - 1);
    }
  }

  loss(raw: Float64Array): number {
    const K = this.outputs;
    const { period, event } = this.labels;
    let total = 0;
    let sw = 0;
    for (let i = 0; i < this.rowCount; i++) {
      const w = weightOf(this.w, i);
      const t = period[i];
      let nll = 0;
      for (let j = 0; j < t; j++) nll += softplus(raw[i * K + j]);
      if (event[i] === 1) nll -= raw[i * K + t - 1];
      total += w * nll;
      sw += w;
    }
    return sw > 0 ? total / sw : 0;
  }
}
