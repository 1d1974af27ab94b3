// Cox partial likelihood with Breslow ties (as xgboost's survival:cox), for comparison with GBST. All loans
// tied at an event time share one risk-set denominator. Hessians are the diagonal of the true Hessian.
import { RiskError } from '../../core/index.js';
import { weightOf, type Objective, type ObjectiveLabels } from './objective.js';

export class CoxObjective implements Objective {
  readonly name = 'cox';
  readonly outputs = 1;
  readonly rowCount: number;
  readonly activeOutputs = null;
  private readonly time: Float64Array;
  private readonly event: Float64Array;
  private readonly w: Float64Array | undefined;
  /** Rows by ascending time, and where each group of equal times starts in that order (plus the end). */
  private readonly order: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly e: Float64Array;
  private readonly riskSum: Float64Array;
  /** Event weight D_m of each time group (fixed). */
  private readonly groupEvents: Float64Array;
  readonly usesExpScores = true;

  constructor(labels: ObjectiveLabels) {
    if (!labels.time || !labels.event) throw new RiskError('LEARN_LABEL_MISSING', 'the cox objective needs time and event columns', {});
    this.time = labels.time;
    this.event = labels.event;
    this.w = labels.weight;
    this.rowCount = labels.time.length;
    this.order = Int32Array.from(this.time.keys()).sort((a, b) => this.time[a] - this.time[b] || a - b);
    const starts: number[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      if (r === 0 || this.time[this.order[r]] !== this.time[this.order[r - 1]]) starts.push(r);
    }
    starts.push(this.rowCount);
    this.groupStart = Int32Array.from(starts);
    this.e = new Float64Array(this.rowCount);
    this.riskSum = new Float64Array(starts.length - 1);
    this.groupEvents = Float64Array.from({ length: starts.length - 1 }, (_, g) => this.eventWeight(g));
  }

  initScores(): Float64Array {
    return new Float64Array(1);
  }

  gradients(raw: Float64Array, gh: Float32Array, expRaw?: Float64Array): void {
    const { order, groupStart, e, riskSum, event, groupEvents } = this;
    if (!expRaw || !this.fillRiskSumsFromExp(expRaw)) this.fillRiskSums(raw);
    let a = 0;
    let b = 0;
    for (let g = 0; g + 1 < groupStart.length; g++) {
      const d = groupEvents[g];
      if (d > 0) {
        a += d / riskSum[g];
        b += d / (riskSum[g] * riskSum[g]);
      }
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        const i = order[r];
        const w = weightOf(this.w, i);
        gh[2 * i] = e[i] * a - (event[i] === 1 ? w : 0);
        gh[2 * i + 1] = e[i] * a - e[i] * e[i] * b;
      }
    }
  }

  /** Negative log partial likelihood per unit of event weight. */
  loss(raw: Float64Array): number {
    const shift = this.fillRiskSums(raw);
    let total = 0;
    let events = 0;
    for (let g = 0; g + 1 < this.groupStart.length; g++) {
      for (let r = this.groupStart[g]; r < this.groupStart[g + 1]; r++) {
        const i = this.order[r];
        if (this.event[i] !== 1) continue;
        const w = weightOf(this.w, i);
        total += w * (Math.log(this.riskSum[g]) + shift - raw[i]);
        events += w;
      }
    }
    return events > 0 ? total / events : 0;
  }

  /**
   * Breslow baseline cumulative hazard at the event times: H0(τ) = Σ_{τ_m ≤ τ} D_m / Σ_{t_j ≥ τ_m} w_j e^{F_j}.
   */
  baseline(raw: Float64Array): { times: number[]; cumulativeHazard: number[] } {
    const shift = this.fillRiskSums(raw);
    const times: number[] = [];
    const cumulativeHazard: number[] = [];
    let h = 0;
    for (let g = 0; g + 1 < this.groupStart.length; g++) {
      const d = this.groupEvents[g];
      if (d <= 0) continue;
      h += d / (this.riskSum[g] * Math.exp(shift));
      times.push(this.time[this.order[this.groupStart[g]]]);
      cumulativeHazard.push(h);
    }
    return { times, cumulativeHazard };
  }

  /** e_i = w_i·exp(F_i − shift) and each time group's risk-set sum; returns the shift (max F) used for stability. */
  private fillRiskSums(raw: Float64Array): number {
    const { order, groupStart, e, riskSum } = this;
    let shift = -Infinity;
    for (let i = 0; i < this.rowCount; i++) if (raw[i] > shift) shift = raw[i];
    if (!Number.isFinite(shift)) shift = 0;
    for (let i = 0; i < this.rowCount; i++) e[i] = weightOf(this.w, i) * Math.exp(raw[i] - shift);
    let sum = 0;
    for (let g = groupStart.length - 2; g >= 0; g--) {
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) sum += e[order[r]];
      riskSum[g] = sum;
    }
    return shift;
  }

  /**
   * The same from exp(F) kept by the booster (no exp per row); false when the sums would overflow, and the caller
   * falls back to the shifted computation.
   */
  private fillRiskSumsFromExp(expRaw: Float64Array): boolean {
    const { order, groupStart, e, riskSum } = this;
    for (let i = 0; i < this.rowCount; i++) e[i] = weightOf(this.w, i) * expRaw[i];
    let sum = 0;
    for (let g = groupStart.length - 2; g >= 0; g--) {
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) sum += e[order[r]];
      riskSum[g] = sum;
    }
    return Number.isFinite(sum) && sum > 0;
  }

  private eventWeight(g: number): number {
    let d = 0;
    for (let r = this.groupStart[g]; r < this.groupStart[g + 1]; r++) {
      const i = this.order[r];
      if (this.event[i] === 1) d += weightOf(this.w, i);
    }
    return d;
  }
}
