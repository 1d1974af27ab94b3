// The contract between a loss and the tree learner: an objective turns raw scores into gradient/hessian pairs
// and knows nothing of trees; the learner never knows the loss. Objectives are picked by name (objective-registry.ts).

export interface Objective {
  readonly name: string;
  /** Raw scores per row (1 for binary and Cox, J periods for GBST). */
  readonly outputs: number;
  readonly rowCount: number;
  /**
   * Per row, how many leading outputs can have non-zero gradients (a GBST loan is at risk in periods 1..t only);
   * null when every output of every row can. The learner skips the rest.
   */
  readonly activeOutputs: Int32Array | null;
  /** The starting raw score of each output. */
  initScores(): Float64Array;
  /**
   * Gradient and hessian of the loss at raw scores `raw` (row-major, rowCount × outputs), written interleaved:
   * gh[2(i·K + k)] = gradient, gh[2(i·K + k) + 1] = hessian. Sample weights scale both. Single precision, as in
   * xgboost: it halves the memory the histogram kernels stream; sums are kept in double.
   */
  gradients(raw: Float64Array, gh: Float32Array, expRaw?: Float64Array): void;
  /**
   * True when gradients can use expRaw = exp(raw), which the booster then keeps current by multiplying in
   * exp(leaf value) (one exp per leaf instead of one per row and output each round).
   */
  readonly usesExpScores?: boolean;
  /**
   * Gradients of rows begin..end−1 only, from expRaw: for objectives whose row gradients depend on that row's
   * scores alone (not Cox). The booster then refreshes a block of rows' gradients right after adding a tree to
   * their scores, while they are still in cache, instead of a separate pass over all rows. Must write exactly what
   * `gradients` writes for those rows.
   */
  gradientsOfRange?(begin: number, end: number, expRaw: Float64Array, gh: Float32Array): void;
  /**
   * Set when the loss is an unweighted discrete-time hazard log-loss: row i is at risk in outputs 1..period[i], its
   * target 1 only in the last of them when event[i] = 1 (GBST; binary logistic is one period). The booster can then
   * run its fused step in WebAssembly (boosting/hazard-update-wasm.ts), which computes exactly what
   * gradientsOfRange does.
   */
  readonly hazardLabels?: { readonly period: Int32Array; readonly event: Uint8Array };
  /** The loss at `raw`, per unit of sample weight (per event for Cox): lower is better. */
  loss(raw: Float64Array): number;
}

/** Labels and weights an objective reads, taken from table columns by the trainer. */
export interface ObjectiveLabels {
  /** Binary target, 0 or 1. */
  readonly target?: Float64Array;
  /** Time to event or censoring, in the training time unit. */
  readonly time?: Float64Array;
  /** 1 = the event (default) happened at `time`; 0 = censored there (prepaid, matured, still open). */
  readonly event?: Float64Array;
  readonly weight?: Float64Array;
}

export interface ObjectiveParams {
  /** GBST: number of periods J and time units per period. */
  readonly periods?: number;
  readonly periodLength?: number;
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function weightOf(weight: Float64Array | undefined, i: number): number {
  return weight === undefined ? 1 : weight[i];
}

/** sigmoid(F) from E = exp(F): E / (1 + E), exact at the extremes (E = ∞ gives 1). */
export function sigmoidFromExp(e: number): number {
  return e === Infinity ? 1 : e / (1 + e);
}
