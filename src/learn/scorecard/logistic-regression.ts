// Logistic regression by Newton-Raphson (IRLS) with an L2 penalty on the slopes (not the intercept).
// Deterministic: fixed start, exact Cholesky solves, step halving when the penalised log-likelihood would drop.
import { RiskError } from '../../core/index.js';

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Penalised negative log-likelihood at the solution. */
  readonly loss: number;
}

export interface LogisticOptions {
  readonly l2?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/** columns[j][i] = x_ij; y[i] in {0, 1} (1 = event). */
export function fitLogistic(columns: readonly Float64Array[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1e-4;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const n = y.length;
  const p = columns.length + 1;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  if (n === 0 || positives === 0 || positives === n) {
    throw new RiskError('LEARN_TARGET_DEGENERATE', 'logistic regression needs both classes in the target', { rows: n, events: positives });
  }
  const x = (j: number, i: number) => (j === 0 ? 1 : columns[j - 1][i]);
  let beta = new Float64Array(p);
  beta[0] = Math.log(positives / (n - positives));
  let loss = penalisedLoss(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(linear(beta, i));
      const w = prob * (1 - prob);
      const r = y[i] - prob;
      for (let a = 0; a < p; a++) {
        const xa = x(a, i);
        grad[a] += xa * r;
        for (let b = 0; b <= a; b++) hess[a * p + b] += w * xa * x(b, i);
      }
    }
    for (let a = 1; a < p; a++) {
      grad[a] -= l2 * beta[a];
      hess[a * p + a] += l2;
    }
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) hess[a * p + b] = hess[b * p + a];
    const step = choleskySolve(hess, grad, p);
    let scale = 1;
    let next = beta;
    let nextLoss = loss;
    for (let halvings = 0; halvings < 30; halvings++) {
      next = Float64Array.from(beta, (v, a) => v + scale * step[a]);
      nextLoss = penalisedLoss(next);
      if (nextLoss <= loss + 1e-12) break;
      scale /= 2;
    }
    const change = Math.max(...Array.from(step, (s) => Math.abs(s * scale)));
    beta = next;
    loss = nextLoss;
    converged = change < tolerance;
  }
  return { intercept: beta[0], coefficients: beta.slice(1), iterations, converged, loss };

  function linear(b: Float64Array, i: number): number {
    let eta = b[0];
    for (let j = 1; j < p; j++) eta += b[j] * columns[j - 1][i];
    return eta;
  }

  function penalisedLoss(b: Float64Array): number {
    let nll = 0;
    for (let i = 0; i < n; i++) {
      const eta = linear(b, i);
      // log(1 + e^eta) - y*eta, computed without overflow
      nll += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
    }
    let pen = 0;
    for (let j = 1; j < p; j++) pen += b[j] * b[j];
    return nll + (l2 / 2) * pen;
  }
}

function sigmoid(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/** Solves A x = b for symmetric positive-definite A (row-major p x p). */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new RiskError('LEARN_MATRIX_SINGULAR', 'logistic regression Hessian is singular; add L2 or drop collinear variables', {
            column: i,
          });
        }
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  const out = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k];
    out[i] = s / l[i * p + i];
  }
  return out;
}
