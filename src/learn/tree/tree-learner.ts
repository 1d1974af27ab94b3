// Grows one tree from gradient/hessian pairs over binned data, depth-wise or leaf-wise. It never knows the loss.
// Rows are partitioned in place (each node owns a range of `rows`); only the smaller child's histogram is
// built, the larger one is the parent's minus it, computed in the parent's buffer. Leaf values come from the
// gradient totals the split search already has, so no extra pass over the rows is needed.
import { RiskError } from '../../core/index.js';
import type { BinMatrix, BinnedDataset } from '../dataset/binned-dataset.js';
import { GrownTree } from './grown-tree.js';
import { binStarts, type GradientView, type HistogramBuilder, type HistogramRequest } from './histogram-builder.js';
import { SplitFinder, SplitInfo, type FeatureLayout } from './split-finder.js';
import { leafValue, type TreeParams } from './tree-params.js';

interface NodeWork {
  readonly id: number;
  readonly begin: number;
  readonly end: number;
  /** Histogram cost of the node: its rows, or with vector gradients the outputs they are active in. */
  readonly work: number;
  readonly depth: number;
  readonly G: Float64Array;
  readonly H: Float64Array;
  hist: Float64Array | null;
  split: SplitInfo | null;
}

export class TreeLearner {
  private readonly layout: FeatureLayout;
  private readonly totalBins: number;
  private readonly finders = new Map<number, SplitFinder>();
  private readonly pools = new Map<number, Float64Array[]>();
  private scratch: Int32Array;
  private scratchLeft: Int32Array;
  /** Every node of the tree being grown, by id. */
  private work: NodeWork[] = [];

  constructor(private readonly data: BinnedDataset, private readonly params: TreeParams, private readonly builder: HistogramBuilder) {
    const { binStart, totalBins } = binStarts(data);
    this.totalBins = totalBins;
    this.layout = {
      binStart,
      binCounts: data.binCounts,
      categorical: Uint8Array.from(data.mappers, (m) => (m.kind === 'categorical' ? 1 : 0)),
    };
    this.scratch = new Int32Array(data.rowCount);
    this.scratchLeft = new Int32Array(data.rowCount);
  }

  /** Grows a tree on rows[0..rowCount), reordering them so each leaf owns a contiguous range. */
  grow(grad: GradientView, rows: Int32Array, rowCount: number, features: Int32Array): GrownTree {
    if (grad.width > 1 && (grad.stride !== grad.width || grad.offset !== 0)) {
      throw new RiskError('LEARN_GRADIENT_LAYOUT_INVALID', 'a vector tree fits all outputs of each row', { ...grad, gh: undefined });
    }
    const tree = new GrownTree(grad.offset, grad.width);
    this.work = [];
    const root = this.node(tree, 0, rowCount, 0, this.workOf(grad, rows, 0, rowCount), new Float64Array(grad.width), new Float64Array(grad.width));
    root.hist = this.takeHistogram(grad.width);
    this.builder.build([{ begin: 0, end: rowCount, hist: root.hist }], grad, rows, features);
    this.totalsFromHistogram(root, features[0], grad.width);
    if (this.params.growth === 'depthwise') this.growDepthwise(tree, root, grad, rows, features);
    else this.growLeafwise(tree, root, grad, rows, features);
    this.finish(tree, root.H, grad.width);
    return tree;
  }

  private growDepthwise(tree: GrownTree, root: NodeWork, grad: GradientView, rows: Int32Array, features: Int32Array): void {
    const maxDepth = this.params.maxDepth;
    if (maxDepth > 0) this.findSplit(root, features, grad.width);
    let frontier = [root];
    while (frontier.length > 0) {
      const next: NodeWork[] = [];
      const builds: HistogramRequest[] = [];
      const pairs: [NodeWork, NodeWork, NodeWork][] = [];
      for (const node of frontier) {
        if (!node.split || node.split.gain === -Infinity) {
          this.release(node, grad.width);
          continue;
        }
        const [l, r] = this.applySplit(tree, node, rows, grad);
        next.push(l, r);
        if (l.depth < maxDepth) {
          const [small, large] = l.work <= r.work ? [l, r] : [r, l];
          small.hist = this.takeHistogram(grad.width);
          builds.push({ begin: small.begin, end: small.end, hist: small.hist });
          pairs.push([node, small, large]);
        } else {
          this.release(node, grad.width);
        }
      }
      if (builds.length > 0) this.builder.build(builds, grad, rows, features);
      for (const [parent, small, large] of pairs) {
        this.subtract(parent.hist!, small.hist!, features, grad.width);
        large.hist = parent.hist;
        parent.hist = null;
        this.findSplit(small, features, grad.width);
        this.findSplit(large, features, grad.width);
      }
      frontier = next.filter((n) => n.hist !== null);
    }
  }

  private growLeafwise(tree: GrownTree, root: NodeWork, grad: GradientView, rows: Int32Array, features: Int32Array): void {
    const { maxDepth, numLeaves } = this.params;
    const canSplit = (n: NodeWork): boolean => maxDepth === 0 || n.depth < maxDepth;
    if (canSplit(root)) this.findSplit(root, features, grad.width);
    const leaves = [root];
    while (leaves.length < numLeaves) {
      let best = -1;
      for (let i = 0; i < leaves.length; i++) {
        const s = leaves[i].split;
        if (s && s.gain > -Infinity && (best < 0 || s.gain > leaves[best].split!.gain)) best = i;
      }
      if (best < 0) break;
      const node = leaves[best];
      const [l, r] = this.applySplit(tree, node, rows, grad);
      leaves.splice(best, 1, l, r);
      if (canSplit(l)) {
        const [small, large] = l.work <= r.work ? [l, r] : [r, l];
        small.hist = this.takeHistogram(grad.width);
        this.builder.build([{ begin: small.begin, end: small.end, hist: small.hist }], grad, rows, features);
        this.subtract(node.hist!, small.hist, features, grad.width);
        large.hist = node.hist;
        node.hist = null;
        this.findSplit(small, features, grad.width);
        this.findSplit(large, features, grad.width);
      } else {
        this.release(node, grad.width);
      }
    }
    for (const leaf of leaves) this.release(leaf, grad.width);
  }

  private node(tree: GrownTree, begin: number, end: number, depth: number, cost: number, G: Float64Array, H: Float64Array): NodeWork {
    const work: NodeWork = { id: tree.addNode(), begin, end, work: cost, depth, G, H, hist: null, split: null };
    this.work[work.id] = work;
    return work;
  }

  private findSplit(node: NodeWork, features: Int32Array, width: number): void {
    let finder = this.finders.get(width);
    if (!finder) {
      finder = new SplitFinder(this.layout, this.params, width);
      this.finders.set(width, finder);
    }
    node.split ??= new SplitInfo(width);
    finder.find(node.hist!, node.G, node.H, features, node.split);
  }

  /** Partitions the node's rows (stable) and records the split; children get their gradient totals. */
  private applySplit(tree: GrownTree, node: NodeWork, rows: Int32Array, grad: GradientView): [NodeWork, NodeWork] {
    const width = grad.width;
    const s = node.split!;
    const f = s.feature;
    const mask = new Uint8Array(this.data.binCounts[f]);
    mask[0] = s.missingLeft ? 1 : 0;
    if (s.categories.length > 0) for (const b of s.categories) mask[b] = 1;
    else for (let b = 1; b <= s.bin; b++) mask[b] = 1;
    const l = partitionRows(rows, node.begin, node.end, this.data.column(f), mask, this.scratchLeft, this.scratch);
    const leftWork = this.workOf(grad, rows, node.begin, l);
    const GR = new Float64Array(width);
    const HR = new Float64Array(width);
    for (let k = 0; k < width; k++) {
      GR[k] = node.G[k] - s.leftG[k];
      HR[k] = node.H[k] - s.leftH[k];
    }
    const left = this.node(tree, node.begin, l, node.depth + 1, leftWork, Float64Array.from(s.leftG), Float64Array.from(s.leftH));
    const right = this.node(tree, l, node.end, node.depth + 1, node.work - leftWork, GR, HR);
    const id = node.id;
    tree.feature[id] = f;
    tree.bin[id] = s.bin;
    tree.categories[id] = s.categories.length > 0 ? [...s.categories] : null;
    tree.missingLeft[id] = s.missingLeft;
    tree.gain[id] = s.gain;
    tree.mask[id] = mask;
    tree.left[id] = left.id;
    tree.right[id] = right.id;
    return [left, right];
  }

  /** Leaf values from the leaves' gradient totals; covers (hessian mass) for every node. */
  private finish(tree: GrownTree, rootH: Float64Array, width: number): void {
    const leaves: number[] = [];
    for (let n = 0; n < tree.nodeCount; n++) if (tree.feature[n] === -1) leaves.push(n);
    tree.leafBegin = new Int32Array(leaves.length);
    tree.leafEnd = new Int32Array(leaves.length);
    tree.leafValues = new Float64Array(leaves.length * width);
    leaves.forEach((n, leaf) => {
      const w = this.work[n];
      tree.leafIndex[n] = leaf;
      tree.leafBegin[leaf] = w.begin;
      tree.leafEnd[leaf] = w.end;
      let cover = 0;
      for (let k = 0; k < width; k++) {
        tree.leafValues[leaf * width + k] = leafValue(w.G[k], w.H[k], rootH[k], this.params) * this.params.learningRate;
        cover += Math.max(w.H[k], 0);
      }
      tree.cover[n] = cover;
    });
    for (let n = tree.nodeCount - 1; n >= 0; n--) {
      if (tree.feature[n] !== -1) tree.cover[n] = tree.cover[tree.left[n]] + tree.cover[tree.right[n]];
    }
  }

  /** Histogram cost of rows[begin..end): one per row, or per active output for vector gradients. */
  private workOf(grad: GradientView, rows: Int32Array, begin: number, end: number): number {
    if (grad.width === 1 || !grad.active) return end - begin;
    let work = 0;
    for (let i = begin; i < end; i++) work += grad.active[rows[i]];
    return work;
  }

  private totalsFromHistogram(node: NodeWork, feature: number, width: number): void {
    const K2 = 2 * width;
    const base = this.layout.binStart[feature] * K2;
    for (let b = 0; b < this.data.binCounts[feature]; b++) {
      for (let k = 0; k < width; k++) {
        node.G[k] += node.hist![base + b * K2 + 2 * k];
        node.H[k] += node.hist![base + b * K2 + 2 * k + 1];
      }
    }
  }

  private subtract(parent: Float64Array, small: Float64Array, features: Int32Array, width: number): void {
    const K2 = 2 * width;
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      const end = (this.layout.binStart[f] + this.data.binCounts[f]) * K2;
      for (let q = this.layout.binStart[f] * K2; q < end; q++) parent[q] -= small[q];
    }
  }

  private takeHistogram(width: number): Float64Array {
    const pool = this.pools.get(width);
    return pool?.pop() ?? this.builder.allocateHistogram(this.totalBins * 2 * width);
  }

  private release(node: NodeWork, width: number): void {
    if (!node.hist) return;
    let pool = this.pools.get(width);
    if (!pool) {
      pool = [];
      this.pools.set(width, pool);
    }
    pool.push(node.hist);
    node.hist = null;
  }
}

/**
 * Stable in-place partition of rows[begin..end) by mask[col[row]] (1 = left); returns the first right index.
 * Branch-free: each row is written to both sides and only the side it belongs to advances (a data-dependent
 * branch here is mispredicted about half the time). Both sides go to scratch buffers, not back into `rows`, so the
 * stores never alias the loads ahead of them. A function of its own so its loop is optimised alone (inside
 * applySplit the optimised loop kept deoptimising on the split bookkeeping after it).
 */
function partitionRows(
  rows: Int32Array, begin: number, end: number, col: BinMatrix, mask: Uint8Array, left: Int32Array, right: Int32Array,
): number {
  let nl = 0;
  let r = 0;
  for (let i = begin; i < end; i++) {
    const row = rows[i];
    const m = mask[col[row]];
    left[nl] = row;
    right[r] = row;
    nl += m;
    r += 1 - m;
  }
  rows.set(left.subarray(0, nl), begin);
  rows.set(right.subarray(0, r), begin + nl);
  return begin + nl;
}
