// Binary log-loss: p = sigmoid(F), gradient w(p − y), hessian w·p(1 − p); starts at the log-odds of the weighted mean.
import { RiskError } from '../../core/index.js';
import { logit, sigmoid } from '../../model/index.js';
import { sigmoidFromExp, softplus, weightOf, type Objective, type ObjectiveLabels } from './objective.js';

export class LogisticObjective implements Objective {
  readonly name = 'binary';
  readonly outputs = 1;
  readonly rowCount: number;
  readonly activeOutputs = null;
  readonly usesExpScores = true;
  private readonly y: Float64Array;
  private readonly w: Float64Array | undefined;

  constructor(labels: ObjectiveLabels) {
    if (!labels.target) throw new RiskError('LEARN_LABEL_MISSING', 'the binary objective needs a target column', {});
    this.y = labels.target;
    this.w = labels.weight;
    this.rowCount = this.y.length;
  }

  /** One period per row, the target as its event (targets are checked 0/1): the hazard loss with one period. */
  get hazardLabels(): { period: Int32Array; event: Uint8Array } | undefined {
    if (this.w !== undefined || this.y.some((v) => v !== 0 && v !== 1)) return undefined;
    return (this.hazard ??= { period: new Int32Array(this.rowCount).fill(1), event: Uint8Array.from(this.y) });
  }

  private hazard: { period: Int32Array; event: Uint8Array } | undefined;

  initScores(): Float64Array {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < this.rowCount; i++) {
      const w = weightOf(this.w, i);
      sw += w;
      swy += w * this.y[i];
    }
    return new Float64Array([logit(sw > 0 ? swy / sw : 0.5)]);
  }

  gradients(raw: Float64Array, gh: Float32Array, expRaw?: Float64Array): void {
    const { y, w } = this;
    for (let i = 0; i < this.rowCount; i++) {
      const p = expRaw ? sigmoidFromExp(expRaw[i]) : sigmoid(raw[i]);
      const wi = w === undefined ? 1 : w[i];
      gh[2 * i] = wi * (p - y[i]);
      gh[2 * i + 1] = wi * p * (1 - p);
    }
  }

  gradientsOfRange(begin: number, end: number, expRaw: Float64Array, gh: Float32Array): void {
    const { y, w } = this;
    for (let i = begin; i < end; i++) {
      const p = sigmoidFromExp(expRaw[i]);
      const wi = w === undefined ? 1 : w[i];
      gh[2 * i] = wi * (p - y[i]);
      gh[2 * i + 1] = wi * p * (1 - p);
    }
  }

  loss(raw: Float64Array): number {
    let total = 0;
    let sw = 0;
    for (let i = 0; i < this.rowCount; i++) {
      const w = weightOf(this.w, i);
      total += w * (softplus(raw[i]) - this.y[i] * raw[i]);
      sw += w;
    }
    return sw > 0 ? total / sw : 0;
  }
}
