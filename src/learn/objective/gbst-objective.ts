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
  }

  initScores(): Float64Array {
    const h = lifeTableHazards(this.labels, this.w, this.outputs);
    return Float64Array.from(h, (v) => logit(v, INIT_HAZARD_FLOOR));
  }

  gradients(raw: Float64Array, gh: Float32Array, expRaw?: Float64Array): void {
    const K = this.outputs;
    const { period, event } = this.labels;
    const w = this.w;
    // Entries beyond a loan's risk set are never written, so a buffer needs zeroing there only once.
    const zeroed = this.zeroed.has(gh);
    for (let i = 0; i < this.rowCount; i++) {
      const wi = w === undefined ? 1 : w[i];
      const t = period[i];
      const base = i * K;
      for (let j = 0; j < t; j++) {
        const h = expRaw ? sigmoidFromExp(expRaw[base + j]) : sigmoid(raw[base + j]);
        const y = j === t - 1 ? event[i] : 0;
        gh[2 * (base + j)] = wi * (h - y);
        gh[2 * (base + j) + 1] = wi * h * (1 - h);
      }
      if (!zeroed) gh.fill(0, 2 * (base + t), 2 * (base + K));
    }
    this.zeroed.add(gh);
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
