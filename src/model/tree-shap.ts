// Exact TreeSHAP (Lundberg et al. 2018, algorithm 2) over an ensemble, with node cover as the background.
// Vector leaves are first projected to one number with fixed weights; SHAP is linear, so that is exact.
// Per applicant the algorithm costs O(trees · leaves · depth²), ~1 µs a depth-3 tree here: too slow for a decision
// that explains a few hundred trees. But a tree's SHAP values depend on x only through which way x goes at each of
// its split nodes, so a small tree (at most PATTERN_TABLE_MAX_SPLITS splits) gets every pattern of those decisions
// precomputed at load, and explaining x in it is its decisions plus a table lookup: the same numbers, ~20x faster.
// Bigger trees get a table per leaf (leaf-path-tables.ts), built by running the recursion along each leaf's path.
// The numeric trees' pattern tables are packed for the explain loop (packed-pattern-tables.ts), whose pass also yields
// the raw score of a single-output forest (explainAndSum), so a decision walks the trees once for both.
import { buildLeafTables, explainLeafTabled, leafTableSize, type LeafTabledTree } from './leaf-path-tables.js';
import type { TreeJson } from './model-artifact.js';
import { PackedPatternTables, packable, type PatternTable } from './packed-pattern-tables.js';

/** Trees with at most this many split nodes get a table of 2^splits patterns (depth 3 has 7: 128 patterns). */
export const PATTERN_TABLE_MAX_SPLITS = 8;
/**
 * Bigger trees get per-leaf tables (leaf-path-tables.ts) while a model's tables stay within this many entries
 * (8 bytes each: 64 MB; a 300-tree depth-6 GBST needs ~4 M); trees past it, or with a path of more than
 * LEAF_TABLE_MAX_FEATURES distinct features, are explained by the recursion.
 */
export const LEAF_TABLE_BUDGET = 8_000_000;
export const LEAF_TABLE_MAX_FEATURES = 10;

interface ShapTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly cover: Float64Array;
  /** Projected leaf value per node (leaves only). */
  readonly value: Float64Array;
  /** The leaf's first output as the artifact gives it, per node (leaves only): what a forest adds for it. */
  readonly firstLeafValue: Float64Array;
  readonly categories: Map<number, Set<number>>;
  readonly depth: number;
  table?: PatternTable;
}

export class TreeShapExplainer {
  /** The cover-weighted mean projected output: what contributions are measured from. */
  readonly expectedValue: number;
  private readonly trees: ShapTree[];
  private readonly featureIndex: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly pweight: Float64Array;
  /** The numeric trees with pattern tables (and lone leaves), packed into flat arrays for the explain loop. */
  private readonly packed: PackedPatternTables;
  /**
   * Whether every tree is in `packed`, in order, with one output at offset 0 and missing-value directions of 0 or 1
   * (the scoring forest reads them as truthy, the tables as === 1; other values would part them): then
   * explainAndSum's sum is the forest's raw score.
   */
  readonly sumsLeaves: boolean;
  /** Trees with a pattern table that cannot be packed (categorical splits): explained through it split by split. */
  private readonly unpackedTabled: ShapTree[] = [];
  /** Trees with too many splits for a pattern table: explained through their leaves' tables. */
  private readonly leafTabled: LeafTabledTree[] = [];
  /** Trees past the leaf tables' budget (or all of them without tables): explained by recursion. */
  private readonly recursive: ShapTree[] = [];

  /** weights[k] projects output k onto the explained score; `patternTables` false explains every tree by recursion. */
  constructor(trees: readonly TreeJson[], weights: Float64Array, patternTables = true) {
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
    const numericTabled: ShapTree[] = [];
    let leafBudget = LEAF_TABLE_BUDGET;
    for (const t of this.trees) {
      // A lone leaf has nothing to attribute; packed (no splits, one row) only so that its value is summed.
      t.table = !patternTables ? undefined : t.feature[0] === -1 ? LONE_LEAF : this.patternTable(t);
      if (t.table && packable(t, t.table)) numericTabled.push(t);
      else if (t.table) this.unpackedTabled.push(t);
      else if (t.feature[0] === -1) continue;
      else {
        const size = patternTables && t.depth <= LEAF_TABLE_MAX_FEATURES ? leafTableSize(t) : Infinity;
        if (size <= leafBudget) {
          leafBudget -= size;
          this.leafTabled.push(buildLeafTables(t, (nodes, left, agrees) => this.pathContributions(t, nodes, left, agrees)));
        } else {
          this.recursive.push(t);
        }
      }
    }
    this.packed = new PackedPatternTables(numericTabled.map((t) => ({ tree: t, table: t.table! })));
    this.sumsLeaves = numericTabled.length === trees.length && trees.every((t, i) => (
      t.output === 0 && t.outputs === 1 && t.feature.every((f, node) => f === -1 || t.missingLeft[node] === 0 || t.missingLeft[node] === 1)
    ));
    // The packed arrays hold these tables now.
    for (const t of numericTabled) t.table = undefined;
  }

  /** Adds each feature's contribution for row x into phi; they sum to f(x) − expectedValue. */
  explain(x: Float64Array, phi: Float64Array): void {
    this.packed.explain(x, phi, 0);
    for (const t of this.unpackedTabled) {
      const table = t.table!;
      let pattern = 0;
      for (let i = 0; i < table.splits.length; i++) {
        const node = table.splits[i];
        if (decide(t, node, x[t.feature[node]])) pattern |= 1 << i;
      }
      for (let e = table.offsets[pattern]; e < table.offsets[pattern + 1]; e++) phi[table.features[e]] += table.values[e];
    }
    for (const t of this.leafTabled) explainLeafTabled(t, x, phi);
    for (const t of this.recursive) this.recurse(t, x, phi, 0, 0, 0, 1, 1, -1);
  }

  /**
   * explain(x, phi), and `start` plus each tree's leaf value for x, added in tree order: with `start` the base score,
   * the raw score PackedForest.addRaw computes for a single-output forest, bit for bit. Only when sumsLeaves.
   */
  explainAndSum(x: Float64Array, phi: Float64Array, start: number): number {
    if (!this.sumsLeaves) throw new Error('explainAndSum needs every tree packed (sumsLeaves)');
    return this.packed.explain(x, phi, start);
  }

  /**
   * One leaf's contributions (indexed by feature) when x agrees with its path at the splits marked in `agrees`: the
   * recursion itself, with x's way forced at each path split and only the path descended.
   */
  private pathContributions(t: ShapTree, nodes: readonly number[], left: readonly boolean[], agrees: readonly boolean[]): Float64Array {
    // Scratch per node id, reused across a tree's calls (cleared after each: only the path's entries are set).
    if (!this.scratchForced || this.scratchForced.length < t.feature.length) {
      this.scratchForced = new Uint8Array(t.feature.length);
      this.scratchOnPath = new Uint8Array(t.feature.length);
    }
    const forced = this.scratchForced;
    const onPath = this.scratchOnPath!;
    const last = nodes[nodes.length - 1];
    const leaf = left[nodes.length - 1] ? t.left[last] : t.right[last];
    let width = 0;
    nodes.forEach((node, i) => {
      forced[node] = agrees[i] === left[i] ? 1 : 0;
      onPath[node] = 1;
      width = Math.max(width, t.feature[node] + 1);
    });
    onPath[leaf] = 1;
    const phi = new Float64Array(width);
    this.forced = forced;
    this.onPath = onPath;
    this.recurse(t, phi, phi, 0, 0, 0, 1, 1, -1);
    this.forced = null;
    this.onPath = null;
    for (const node of nodes) onPath[node] = 0;
    onPath[leaf] = 0;
    return phi;
  }

  /** Per-node decisions forced by a pattern while its table is built (1 left, 0 right); null when explaining x. */
  private forced: Uint8Array | null = null;
  /** While a leaf's table is built: the nodes of its path (the only ones descended into); null otherwise. */
  private onPath: Uint8Array | null = null;
  private scratchForced: Uint8Array | null = null;
  private scratchOnPath: Uint8Array | null = null;

  private patternTable(t: ShapTree): PatternTable | undefined {
    const splits = splitNodes(t, PATTERN_TABLE_MAX_SPLITS);
    if (!splits || splits.length === 0) return undefined;
    let width = 0;
    for (let node = 0; node < t.feature.length; node++) width = Math.max(width, t.feature[node] + 1);
    const phi = new Float64Array(width);
    const x = new Float64Array(width);
    const offsets = new Int32Array((1 << splits.length) + 1);
    const features: number[] = [];
    const values: number[] = [];
    this.forced = new Uint8Array(t.feature.length);
    for (let pattern = 0; pattern < 1 << splits.length; pattern++) {
      splits.forEach((node, i) => (this.forced![node] = (pattern >> i) & 1));
      phi.fill(0);
      this.recurse(t, x, phi, 0, 0, 0, 1, 1, -1);
      for (let f = 0; f < width; f++) {
        if (phi[f] !== 0) {
          features.push(f);
          values.push(phi[f]);
        }
      }
      offsets[pattern + 1] = features.length;
    }
    this.forced = null;
    return { splits: Int32Array.from(splits), offsets, features: Int32Array.from(features), values: Float64Array.from(values) };
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
    const goLeft = this.forced ? this.forced[node] === 1 : decide(t, node, x[split]);
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
    if (!this.onPath || this.onPath[hot] === 1) this.recurse(t, x, phi, hot, off, d + 1, hotZero * incomingZero, incomingOne, split);
    if (!this.onPath || this.onPath[cold] === 1) this.recurse(t, x, phi, cold, off, d + 1, coldZero * incomingZero, 0, split);
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

/** The split nodes reached from the root (node arrays may hold unused slots), or null when there are more than `max`. */
function splitNodes(t: ShapTree, max: number): number[] | null {
  const splits: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (t.feature[node] === -1) continue;
    if (splits.push(node) > max) return null;
    stack.push(t.left[node], t.right[node]);
  }
  return splits;
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

/** The table of a lone leaf: no splits, one pattern, nothing to attribute. */
const LONE_LEAF: PatternTable = { splits: new Int32Array(0), offsets: new Int32Array(2), features: new Int32Array(0), values: new Float64Array(0) };

function toShapTree(tree: TreeJson, weights: Float64Array): ShapTree {
  const n = tree.feature.length;
  const value = new Float64Array(n);
  const firstLeafValue = new Float64Array(n);
  const categories = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] === -1) {
      let v = 0;
      const base = tree.left[i] * tree.outputs;
      for (let k = 0; k < tree.outputs; k++) v += weights[tree.output + k] * tree.leafValues[base + k];
      value[i] = v;
      firstLeafValue[i] = tree.leafValues[base];
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
    firstLeafValue,
    categories,
    depth: depthOf(0),
  };
}
