// Best split of one node from its gradient/hessian histogram, for K outputs at once: the gain is summed over
// outputs (GBST's "survival tree"). Numeric features scan bin thresholds; categorical ones scan categories
// ordered by gradient ratio (LightGBM). Missing values (bin 0) try both sides and keep the better: the default direction.
import { thresholdL1, type TreeParams } from './tree-params.js';

export interface FeatureLayout {
  /** First bin of each feature in a node histogram (times 2K doubles per bin). */
  readonly binStart: Int32Array;
  readonly binCounts: Int32Array;
  readonly categorical: Uint8Array;
}

/** The best split found for a node; `gain` is −Infinity when none is allowed. */
export class SplitInfo {
  gain = -Infinity;
  feature = -1;
  /** Numeric: value bins 1..bin go left. */
  bin = 0;
  /** Categorical: the bins that go left. */
  categories: number[] = [];
  missingLeft = false;
  readonly leftG: Float64Array;
  readonly leftH: Float64Array;

  constructor(width: number) {
    this.leftG = new Float64Array(width);
    this.leftH = new Float64Array(width);
  }

  reset(): void {
    this.gain = -Infinity;
    this.feature = -1;
    this.categories = [];
  }
}

export class SplitFinder {
  private readonly K: number;
  private readonly gl: Float64Array;
  private readonly hl: Float64Array;
  private readonly active: Int32Array;
  private activeCount = 0;
  private parentScore = 0;

  constructor(private readonly layout: FeatureLayout, private readonly params: TreeParams, width: number) {
    this.K = width;
    this.gl = new Float64Array(width);
    this.hl = new Float64Array(width);
    this.active = new Int32Array(width);
  }

  /** Fills `best` with the best split of a node with totals (G, H) over the given features. */
  find(hist: Float64Array, G: Float64Array, H: Float64Array, features: Int32Array, best: SplitInfo): void {
    best.reset();
    this.activeCount = 0;
    let totalH = 0;
    for (let k = 0; k < this.K; k++) {
      if (H[k] > 0) this.active[this.activeCount++] = k;
      totalH += H[k];
    }
    if (totalH < 2 * this.params.minChildHessian) return;
    this.parentScore = this.nodeScore(G, H);
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      if (this.layout.categorical[f]) this.scanCategorical(hist, f, G, H, totalH, best);
      else this.scanNumeric(hist, f, G, H, totalH, best);
    }
  }

  private scanNumeric(hist: Float64Array, f: number, G: Float64Array, H: Float64Array, totalH: number, best: SplitInfo): void {
    const K = this.K;
    const K2 = 2 * K;
    const base = this.layout.binStart[f] * K2;
    const m = this.layout.binCounts[f];
    const { gl, hl } = this;
    gl.fill(0);
    hl.fill(0);
    const missH = this.binHessian(hist, base);
    let leftH = 0;
    for (let b = 1; b < m - 1; b++) {
      const off = base + b * K2;
      let binH = 0;
      for (let k = 0; k < K; k++) {
        gl[k] += hist[off + 2 * k];
        hl[k] += hist[off + 2 * k + 1];
        binH += hist[off + 2 * k + 1];
      }
      leftH += binH;
      if (binH === 0) continue; // same partition as the previous threshold
      this.consider(hist, base, leftH, missH, totalH, G, H, f, b, null, best);
    }
  }

  private scanCategorical(hist: Float64Array, f: number, G: Float64Array, H: Float64Array, totalH: number, best: SplitInfo): void {
    const K = this.K;
    const K2 = 2 * K;
    const base = this.layout.binStart[f] * K2;
    const m = this.layout.binCounts[f];
    const bins: number[] = [];
    const ratio = new Float64Array(m);
    for (let b = 1; b < m; b++) {
      const off = base + b * K2;
      let g = 0;
      let h = 0;
      for (let k = 0; k < K; k++) {
        g += hist[off + 2 * k];
        h += hist[off + 2 * k + 1];
      }
      if (h <= 0) continue;
      bins.push(b);
      ratio[b] = g / (h + this.params.catSmooth);
    }
    if (bins.length < 2) return;
    bins.sort((a, b) => ratio[a] - ratio[b] || a - b);
    const { gl, hl } = this;
    gl.fill(0);
    hl.fill(0);
    const missH = this.binHessian(hist, base);
    let leftH = 0;
    for (let i = 0; i + 1 < bins.length; i++) {
      const off = base + bins[i] * K2;
      for (let k = 0; k < K; k++) {
        gl[k] += hist[off + 2 * k];
        hl[k] += hist[off + 2 * k + 1];
        leftH += hist[off + 2 * k + 1];
      }
      this.consider(hist, base, leftH, missH, totalH, G, H, f, i + 1, bins, best);
    }
  }

  /** Tries the current left sums with missing values right and (when there are any) left. */
  private consider(
    hist: Float64Array, base: number, leftH: number, missH: number, totalH: number,
    G: Float64Array, H: Float64Array, f: number, cut: number, catOrder: number[] | null, best: SplitInfo,
  ): void {
    const minH = this.params.minChildHessian;
    if (missH > 0) {
      for (const missingLeft of [false, true]) {
        const lh = missingLeft ? leftH + missH : leftH;
        if (lh < minH || totalH - lh < minH) continue;
        const gain = this.gain(hist, base, G, H, missingLeft);
        if (gain > best.gain && gain > this.params.minSplitGain) this.record(best, gain, f, cut, catOrder, missingLeft, hist, base);
      }
      return;
    }
    const rightH = totalH - leftH;
    if (leftH < minH || rightH < minH) return;
    const gain = this.gain(hist, base, G, H, false);
    // With no missing values here, unseen missing values follow the heavier side.
    if (gain > best.gain && gain > this.params.minSplitGain) this.record(best, gain, f, cut, catOrder, leftH >= rightH, hist, base);
  }

  /** Half the summed score improvement, Σ_k over the node's active outputs, for the current left sums. */
  private gain(hist: Float64Array, base: number, G: Float64Array, H: Float64Array, missingLeft: boolean): number {
    const { l1, l2 } = this.params;
    const { gl, hl, active } = this;
    // The usual case (no L1, λ > 0 keeps every denominator positive) skips the soft threshold and empty-side guard.
    const plain = l1 === 0 && l2 > 0;
    let s = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const k = active[i];
      let gL = gl[k];
      let hL = hl[k];
      if (missingLeft) {
        gL += hist[base + 2 * k];
        hL += hist[base + 2 * k + 1];
      }
      const gR = G[k] - gL;
      if (plain) s += (gL * gL) / (hL + l2) + (gR * gR) / (H[k] - hL + l2);
      else s += leafScore(gL, hL, l1, l2, H[k]) + leafScore(gR, H[k] - hL, l1, l2, H[k]);
    }
    return 0.5 * (s - this.parentScore);
  }

  private nodeScore(G: Float64Array, H: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const k = this.active[i];
      s += leafScore(G[k], H[k], this.params.l1, this.params.l2, H[k]);
    }
    return s;
  }

  private record(best: SplitInfo, gain: number, f: number, cut: number, catOrder: number[] | null, missingLeft: boolean, hist: Float64Array, base: number): void {
    best.gain = gain;
    best.feature = f;
    best.missingLeft = missingLeft;
    if (catOrder) {
      best.bin = 0;
      best.categories = catOrder.slice(0, cut);
    } else {
      best.bin = cut;
      best.categories = [];
    }
    for (let k = 0; k < this.K; k++) {
      best.leftG[k] = this.gl[k] + (missingLeft ? hist[base + 2 * k] : 0);
      best.leftH[k] = this.hl[k] + (missingLeft ? hist[base + 2 * k + 1] : 0);
    }
  }

  private binHessian(hist: Float64Array, off: number): number {
    let h = 0;
    for (let k = 0; k < this.K; k++) h += hist[off + 2 * k + 1];
    return h;
  }
}

/**
 * T(g)²/(h + λ). A child's hessian comes from subtraction, so with λ = 0 a side holding none of an output's mass
 * can be left with rounding dust; below a tiny fraction of the parent's mass it counts as empty.
 */
function leafScore(g: number, h: number, l1: number, l2: number, parentH: number): number {
  const d = h + l2;
  if (d <= 1e-12 * parentH) return 0;
  const t = thresholdL1(g, l1);
  return (t * t) / d;
}
