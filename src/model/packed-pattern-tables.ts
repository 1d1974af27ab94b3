// The TreeSHAP pattern tables of a model's small numeric trees (tree-shap.ts builds one per tree), packed into flat
// arrays for the explain loop, which is most of what scoring a decision's model costs. Explaining x in a tree is:
// decide its (at most 8) splits, which makes a pattern, then add the pattern's row of contributions.
//
// Layout, each choice measured on the demo's 97-tree depth-3 model (old layout ~2x the time of this one):
//  - a pattern's row is dense: one contribution per distinct feature of the tree (0 where the pattern gives none), so
//    a row is one short run of memory, not an offsets entry plus a (feature, value) list elsewhere; adding a +0 to a
//    contribution leaves it as it was, bit for bit (sums starting at +0 are never -0);
//  - the row ends with the leaf value x reaches for that pattern (the pattern decides every split, so it decides the
//    leaf): a single-output forest's raw score comes out of the same pass, added in tree order as PackedForest adds it;
//  - splits are decided without a branch per split: x is copied once per call next to a copy with missing values
//    (NaN) as -Infinity, and a split whose missing values go left reads the second copy, so `value <= threshold` is
//    the whole decision (NaN <= t is false: right; -Infinity <= t is true: left, for every threshold but NaN — a tree
//    with a NaN threshold is not packed). The data-dependent branches were the mispredicted half of the cost.
import type { TreeShape } from './leaf-path-tables.js';

/** A tree as the explainer holds it, with each leaf's first-output value as the artifact gives it (unprojected). */
export interface PackableTree extends TreeShape {
  /** Per node id (leaves only): the leaf's value for the tree's first output. */
  readonly firstLeafValue: Float64Array;
}

/** One tree's pattern table as tree-shap.ts builds it: sparse contributions per pattern of its split decisions. */
export interface PatternTable {
  /** The split nodes; bit i of a pattern is "x goes left at splits[i]". */
  readonly splits: Int32Array;
  /** Pattern p's contributions are entries offsets[p] .. offsets[p+1]. */
  readonly offsets: Int32Array;
  readonly features: Int32Array;
  readonly values: Float64Array;
}

/** Whether a tree's table can be packed: numeric splits only (categorical ones need their level sets), no NaN threshold. */
export function packable(tree: PackableTree, table: PatternTable): boolean {
  if (tree.categories.size > 0) return false;
  for (const node of table.splits) if (Number.isNaN(tree.threshold[node])) return false;
  return true;
}

export class PackedPatternTables {
  readonly count: number;
  /** Tree t's splits are splitStart[t] .. splitStart[t+1], in its pattern's bit order. */
  private readonly splitStart: Int32Array;
  /** Where a split reads its value in `scratch`: the feature, plus `width` when missing values go left. */
  private readonly splitSlot: Int32Array;
  private readonly splitThreshold: Float64Array;
  /** Tree t's distinct split features (ascending) are features[featureStart[t] .. featureStart[t+1]]. */
  private readonly featureStart: Int32Array;
  private readonly features: Int32Array;
  /** Tree t's row for pattern p starts at rowStart[t] + p * (its feature count + 1). */
  private readonly rowStart: Int32Array;
  private readonly rows: Float64Array;
  /** Features read (the highest split feature + 1). */
  private readonly width: number;
  /** x, then x with NaN as -Infinity (one explain at a time: JavaScript is single-threaded here). */
  private readonly scratch: Float64Array;

  /** Trees with their tables, in the order their contributions are to be added (packable ones only). */
  constructor(trees: readonly { readonly tree: PackableTree; readonly table: PatternTable }[]) {
    this.count = trees.length;
    let width = 0;
    let splits = 0;
    let features = 0;
    let cells = 0;
    const distinct = trees.map(({ tree, table }) => {
      const fs = [...new Set(Array.from(table.splits, (node) => tree.feature[node]))].sort((a, b) => a - b);
      for (const f of fs) width = Math.max(width, f + 1);
      splits += table.splits.length;
      features += fs.length;
      cells += (table.offsets.length - 1) * (fs.length + 1);
      return fs;
    });
    this.width = width;
    this.scratch = new Float64Array(2 * width);
    this.splitStart = new Int32Array(trees.length + 1);
    this.splitSlot = new Int32Array(splits);
    this.splitThreshold = new Float64Array(splits);
    this.featureStart = new Int32Array(trees.length + 1);
    this.features = new Int32Array(features);
    this.rowStart = new Int32Array(trees.length);
    this.rows = new Float64Array(cells);
    let s = 0;
    let f = 0;
    let cell = 0;
    trees.forEach(({ tree, table }, t) => {
      const fs = distinct[t];
      table.splits.forEach((node) => {
        this.splitSlot[s] = tree.feature[node] + (tree.missingLeft[node] === 1 ? width : 0);
        this.splitThreshold[s++] = tree.threshold[node];
      });
      this.splitStart[t + 1] = s;
      this.features.set(fs, f);
      f += fs.length;
      this.featureStart[t + 1] = f;
      this.rowStart[t] = cell;
      const bitOf = new Map(Array.from(table.splits, (node, bit) => [node, bit]));
      for (let pattern = 0; pattern + 1 < table.offsets.length; pattern++) {
        for (let e = table.offsets[pattern]; e < table.offsets[pattern + 1]; e++) this.rows[cell + fs.indexOf(table.features[e])] = table.values[e];
        this.rows[cell + fs.length] = leafValue(tree, pattern, bitOf);
        cell += fs.length + 1;
      }
    });
  }

  /**
   * Adds every packed tree's contributions for row x into phi (length >= the highest feature + 1), and returns
   * `start` plus each tree's leaf value for x (its first output), added in tree order.
   */
  explain(x: Float64Array, phi: Float64Array, start: number): number {
    const { width, scratch, splitStart, splitSlot, splitThreshold, featureStart, features, rowStart, rows } = this;
    for (let f = 0; f < width; f++) {
      const v = x[f];
      scratch[f] = v;
      scratch[width + f] = v !== v ? -Infinity : v;
    }
    let sum = start;
    for (let t = 0; t < this.count; t++) {
      const first = splitStart[t];
      const end = splitStart[t + 1];
      let pattern = 0;
      for (let i = first; i < end; i++) pattern |= +(scratch[splitSlot[i]] <= splitThreshold[i]) << (i - first);
      const f0 = featureStart[t];
      const n = featureStart[t + 1] - f0;
      const row = rowStart[t] + pattern * (n + 1);
      for (let j = 0; j < n; j++) phi[features[f0 + j]] += rows[row + j];
      sum += rows[row + n];
    }
    return sum;
  }
}

/** The first output's value of the leaf that a pattern of decisions (bit set: left) reaches from the root. */
function leafValue(tree: PackableTree, pattern: number, bitOf: ReadonlyMap<number, number>): number {
  let node = 0;
  while (tree.feature[node] !== -1) node = (pattern >> bitOf.get(node)!) & 1 ? tree.left[node] : tree.right[node];
  return tree.firstLeafValue[node];
}
