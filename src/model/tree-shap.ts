// Exact TreeSHAP (Lundberg et al. 2018, algorithm 2) over an ensemble, with node cover as the background.
// Vector leaves are first projected to one number with fixed weights; SHAP is linear, so that is exact.
// Per applicant it costs O(trees · leaves · depth²): fine for reason codes, not meant for the scoring hot path.
import type { TreeJson } from './model-artifact.js';

interface ShapTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly cover: Float64Array;
  /** Projected leaf value per node (leaves only). */
  readonly value: Float64Array;
  readonly categories: Map<number, Set<number>>;
  readonly depth: number;
}

export class TreeShapExplainer {
  /** The cover-weighted mean projected output: what contributions are measured from. */
  readonly expectedValue: number;
  private readonly trees: ShapTree[];
  private readonly featureIndex: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly pweight: Float64Array;

  /** weights[k] projects output k onto the explained score. */
  constructor(trees: readonly TreeJson[], weights: Float64Array) {
    this.trees = trees.map((t) => toShapTree(t, weights));
    let expected = 0;
    let maxDepth = 0;
    for (const t of this.trees) {
      expected += expectation(t, 0);
      maxDepth = Math.max(maxDepth, t.depth);
    }
    this.expectedValue = expected;
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.featureIndex = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pweight = new Float64Array(size);
  }

  /** Adds each feature's contribution for row x into phi; they sum to f(x) − expectedValue. */
  explain(x: Float64Array, phi: Float64Array): void {
    for (const t of this.trees) {
      if (t.feature[0] === -1) continue;
      this.recurse(t, x, phi, 0, 0, 0, 1, 1, -1);
    }
  }

  private recurse(
    t: ShapTree, x: Float64Array, phi: Float64Array, node: number, parentOff: number,
    depth: number, zeroFraction: number, oneFraction: number, feature: number,
  ): void {
    // Each level works on its own copy of the path, placed just past its parent's (as in the reference code).
    const off = parentOff + depth + 1;
    for (let i = 0; i < depth; i++) {
      this.featureIndex[off + i] = this.featureIndex[parentOff + i];
      this.zero[off + i] = this.zero[parentOff + i];
      this.one[off + i] = this.one[parentOff + i];
      this.pweight[off + i] = this.pweight[parentOff + i];
    }
    this.extend(off, depth, zeroFraction, oneFraction, feature);
    const split = t.feature[node];
    if (split === -1) {
      const v = t.value[node];
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(off, depth, i);
        phi[this.featureIndex[off + i]] += w * (this.one[off + i] - this.zero[off + i]) * v;
      }
      return;
    }
    const goLeft = decide(t, node, x[split]);
    const hot = goLeft ? t.left[node] : t.right[node];
    const cold = goLeft ? t.right[node] : t.left[node];
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;
    let pathIndex = 0;
    while (pathIndex <= d && this.featureIndex[off + pathIndex] !== split) pathIndex++;
    if (pathIndex <= d) {
      incomingZero = this.zero[off + pathIndex];
      incomingOne = this.one[off + pathIndex];
      this.unwind(off, d, pathIndex);
      d -= 1;
    }
    const c = t.cover[node];
    const hotZero = c > 0 ? t.cover[hot] / c : 0.5;
    const coldZero = c > 0 ? t.cover[cold] / c : 0.5;
    this.recurse(t, x, phi, hot, off, d + 1, hotZero * incomingZero, incomingOne, split);
    this.recurse(t, x, phi, cold, off, d + 1, coldZero * incomingZero, 0, split);
  }

  private extend(off: number, d: number, zeroFraction: number, oneFraction: number, feature: number): void {
    const pw = this.pweight;
    this.featureIndex[off + d] = feature;
    this.zero[off + d] = zeroFraction;
    this.one[off + d] = oneFraction;
    pw[off + d] = d === 0 ? 1 : 0;
    for (let i = d - 1; i >= 0; i--) {
      pw[off + i + 1] += (oneFraction * pw[off + i] * (i + 1)) / (d + 1);
      pw[off + i] = (zeroFraction * pw[off + i] * (d - i)) / (d + 1);
    }
  }

  private unwind(off: number, d: number, pathIndex: number): void {
    const pw = this.pweight;
    const oneFraction = this.one[off + pathIndex];
    const zeroFraction = this.zero[off + pathIndex];
    let nextOne = pw[off + d];
    for (let i = d - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = pw[off + i];
        pw[off + i] = (nextOne * (d + 1)) / ((i + 1) * oneFraction);
        nextOne = tmp - (pw[off + i] * zeroFraction * (d - i)) / (d + 1);
      } else {
        pw[off + i] = (pw[off + i] * (d + 1)) / (zeroFraction * (d - i));
      }
    }
    for (let i = pathIndex; i < d; i++) {
      this.featureIndex[off + i] = this.featureIndex[off + i + 1];
      this.zero[off + i] = this.zero[off + i + 1];
      this.one[off + i] = this.one[off + i + 1];
    }
  }

  private unwoundSum(off: number, d: number, pathIndex: number): number {
    const pw = this.pweight;
    const oneFraction = this.one[off + pathIndex];
    const zeroFraction = this.zero[off + pathIndex];
    let nextOne = pw[off + d];
    let total = 0;
    for (let i = d - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (nextOne * (d + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        nextOne = pw[off + i] - tmp * zeroFraction * ((d - i) / (d + 1));
      } else if (zeroFraction !== 0) {
        total += pw[off + i] / zeroFraction / ((d - i) / (d + 1));
      }
    }
    return total;
  }
}

function decide(t: ShapTree, node: number, v: number): boolean {
  if (v !== v) return t.missingLeft[node] === 1;
  const set = t.categories.get(node);
  if (set) return set.has(v);
  return v <= t.threshold[node];
}

function expectation(t: ShapTree, node: number): number {
  if (t.feature[node] === -1) return t.value[node];
  const c = t.cover[node];
  const l = t.left[node];
  const r = t.right[node];
  if (!(c > 0)) return 0.5 * (expectation(t, l) + expectation(t, r));
  return (t.cover[l] / c) * expectation(t, l) + (t.cover[r] / c) * expectation(t, r);
}

function toShapTree(tree: TreeJson, weights: Float64Array): ShapTree {
  const n = tree.feature.length;
  const value = new Float64Array(n);
  const categories = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] === -1) {
      let v = 0;
      const base = tree.left[i] * tree.outputs;
      for (let k = 0; k < tree.outputs; k++) v += weights[tree.output + k] * tree.leafValues[base + k];
      value[i] = v;
    }
    const codes = tree.categories?.[String(i)];
    if (codes) categories.set(i, new Set(codes));
  }
  const feature = Int32Array.from(tree.feature);
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const depthOf = (node: number): number => (feature[node] === -1 ? 0 : 1 + Math.max(depthOf(left[node]), depthOf(right[node])));
  return {
    feature,
    threshold: Float64Array.from(tree.threshold),
    left,
    right,
    missingLeft: Uint8Array.from(tree.missingLeft),
    cover: Float64Array.from(tree.cover),
    value,
    categories,
    depth: depthOf(0),
  };
}
