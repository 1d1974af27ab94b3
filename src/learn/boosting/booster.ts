// The boosting loop: gradients from the objective, one tree per round fitting all outputs (or one tree per
// output per round), raw scores updated in tree order exactly as the scorer will add them, and early stopping
// on a validation set. Objective, tree learner and histogram builder are given; this file knows none of their insides.
import { Random, RiskError } from '../../core/index.js';
import type { TreeJson } from '../../model/index.js';
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import type { Objective } from '../objective/objective.js';
import type { GrownTree } from '../tree/grown-tree.js';
import type { HistogramBuilder } from '../tree/histogram-builder.js';
import { TreeLearner } from '../tree/tree-learner.js';
import type { TreeParams } from '../tree/tree-params.js';
import { HazardUpdate } from './hazard-update-wasm.js';
import { outputSeed, sampleFeatures, sampleRows } from './samplers.js';

export interface BoostParams extends TreeParams {
  readonly rounds: number;
  readonly subsample: number;
  readonly colsample: number;
  readonly seed: number;
  /** Stop after this many rounds without a better validation loss (0 = never). */
  readonly earlyStoppingRounds: number;
  /** One tree per output per round (GBST variant B) instead of one vector-leaf tree per round. */
  readonly treePerOutput: boolean;
}

export interface BoostProgress {
  readonly round: number;
  readonly rounds: number;
  readonly validLoss?: number;
  readonly bestRound?: number;
}

export interface BoostResult {
  readonly trees: TreeJson[];
  readonly baseScore: Float64Array;
  /**
   * Training rows' raw scores with the kept trees (rows × outputs), summed in the scorer's order. Computed on
   * first call: during boosting only the outputs a row is at risk in are kept current.
   */
  trainScores(): Float64Array;
  readonly roundsRun: number;
  /** Rounds kept (the best validation round under early stopping). */
  readonly roundsKept: number;
  readonly trainLoss: number;
  readonly validLoss?: number;
  /** Per feature: summed split gain and split count over the kept trees. */
  readonly importance: { gain: Float64Array; splits: Int32Array };
}

export interface ValidationSet {
  readonly data: BinnedDataset;
  readonly objective: Objective;
}

export function boost(
  train: BinnedDataset, objective: Objective, params: BoostParams, builder: HistogramBuilder,
  valid?: ValidationSet, onProgress?: (p: BoostProgress) => void,
): BoostResult {
  const n = train.rowCount;
  const K = objective.outputs;
  if (objective.rowCount !== n) throw new RiskError('LEARN_LABEL_INVALID', 'labels and data differ in row count', { rows: n, labels: objective.rowCount });
  const base = objective.initScores();
  // Fused rounds: a vector tree over every row of an objective with per-row gradients adds its leaves to the
  // scores and refreshes each row's gradients in the same pass — in WebAssembly for a hazard loss (HazardUpdate).
  const fused = !params.treePerOutput && params.subsample >= 1 && objective.usesExpScores === true && objective.gradientsOfRange !== undefined;
  const wasm = fused ? HazardUpdate.create(builder.arena, objective, base, n) : null;
  const raw = wasm?.raw ?? tile(base, n);
  const expRaw = wasm?.expRaw ?? (objective.usesExpScores ? raw.map(Math.exp) : null);
  const validRaw = valid ? tile(base, valid.data.rowCount) : null;
  const gh = builder.allocateGradients(2 * n * K);
  const active = objective.activeOutputs;
  const validActive = valid?.objective.activeOutputs ?? null;
  const rows = builder.allocateRows(n);
  const leafOfRow = wasm?.leafOfRow ?? new Int32Array(n);
  const learner = new TreeLearner(train, params, builder);
  const random = new Random(params.seed);
  const rowRandom = random.fork('rows');
  const colRandom = random.fork('columns');
  // Variant B: each period's trees draw their own rows (among the loans at risk then) and columns, from streams of
  // their own seed, so that under subsampling too they are those of J separate logistic boosters.
  const atRiskRows = new Int32Array(params.treePerOutput ? n : 0);
  const outputRandom = params.treePerOutput
    ? Array.from({ length: K }, (_, k) => {
        const r = new Random(outputSeed(params.seed, k));
        return { rows: r.fork('rows'), columns: r.fork('columns') };
      })
    : [];
  const grown: GrownTree[] = [];
  const treesPerRound = params.treePerOutput ? K : 1;
  const stopEarly = valid !== undefined && params.earlyStoppingRounds > 0;
  let bestLoss = Infinity;
  let bestRound = 0;
  let lastLoss = NaN;
  let round = 0;
  while (round < params.rounds) {
    if (!fused || round === 0) objective.gradients(raw, gh, expRaw ?? undefined);
    if (!params.treePerOutput) {
      const count = sampleRows(rows, n, params.subsample, rowRandom);
      const features = sampleFeatures(train.featureCount, params.colsample, colRandom);
      const tree = learner.grow({ gh, stride: K, offset: 0, width: K, active }, rows, count, features);
      if (fused) applyTreeWithGradients(tree, rows, raw, expRaw!, K, active, leafOfRow, objective, gh, round + 1 < params.rounds, wasm);
      else applyTree(tree, train, rows, count, raw, expRaw, K, active, leafOfRow, params.subsample >= 1);
      grown.push(tree);
    } else {
      // Each period's tree sees only its own sample of the loans still at risk in that period.
      for (let k = 0; k < K; k++) {
        const m = atRisk(n, active, k, atRiskRows);
        const countK = sampleRows(rows, m, params.subsample, outputRandom[k].rows, atRiskRows);
        const features = sampleFeatures(train.featureCount, params.colsample, outputRandom[k].columns);
        const tree = learner.grow({ gh, stride: K, offset: k, width: 1, active: null }, rows, countK, features);
        applyTree(tree, train, rows, countK, raw, expRaw, K, active, leafOfRow, params.subsample >= 1);
        grown.push(tree);
      }
    }
    round++;
    let validLoss: number | undefined;
    if (valid && validRaw) {
      for (let t = grown.length - treesPerRound; t < grown.length; t++) addTree(grown[t], valid.data, validRaw, K, validActive);
      validLoss = valid.objective.loss(validRaw);
      lastLoss = validLoss;
      if (validLoss < bestLoss) {
        bestLoss = validLoss;
        bestRound = round;
      }
    }
    if (!stopEarly) bestRound = round;
    onProgress?.({ round, rounds: params.rounds, validLoss, bestRound: valid ? bestRound : undefined });
    if (stopEarly && round - bestRound >= params.earlyStoppingRounds) break;
  }
  // Without early stopping every round is kept; with it, the rounds up to the best validation loss.
  const kept = grown.slice(0, bestRound * treesPerRound);
  // Truncated models recompute their (at-risk) scores; complete ones already hold them.
  const current = kept.length === grown.length ? raw : rescore(kept, train, base, K, active);
  let complete: Float64Array | null = active === null ? current : null;
  return {
    trees: kept.map((t) => t.toJson(train.mappers)),
    baseScore: base,
    trainScores: () => (complete ??= rescore(kept, train, base, K, null)),
    roundsRun: round,
    roundsKept: bestRound,
    trainLoss: objective.loss(current),
    validLoss: valid ? (stopEarly ? bestLoss : lastLoss) : undefined,
    importance: importanceOf(kept, train.featureCount),
  };
}

function tile(base: Float64Array, n: number): Float64Array {
  const K = base.length;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) out.set(base, i * K);
  return out;
}

/** Writes the rows at risk in output k (active > k) into out, in order; returns their count. */
function atRisk(n: number, active: Int32Array | null, k: number, out: Int32Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (active === null || active[i] > k) out[m++] = i;
  return m;
}

/**
 * Adds a new tree's leaf values to raw scores. Rows the tree was grown on take their leaf from the partition;
 * the others (out of sample) walk the tree. Rows are then visited in index order, which keeps the pass over the
 * large score matrix sequential. Only outputs below active[i] are touched (the rest never enter a gradient).
 */
function applyTree(
  tree: GrownTree, data: BinnedDataset, rows: Int32Array, count: number, raw: Float64Array, expRaw: Float64Array | null,
  K: number, active: Int32Array | null, leafOfRow: Int32Array, allSampled: boolean,
): void {
  const width = tree.width;
  const out = tree.output;
  const values = tree.leafValues;
  const factors = expRaw ? values.map(Math.exp) : null;
  if (width === 1 && allSampled) {
    // One output and no row left out of the sample: the tree holds every row that needs updating (variant B's
    // per-period trees hold exactly the loans at risk), so add by leaf range directly.
    for (let leaf = 0; leaf < tree.leafCount; leaf++) {
      const v = values[leaf];
      const e = factors ? factors[leaf] : 1;
      for (let r = tree.leafBegin[leaf]; r < tree.leafEnd[leaf]; r++) {
        const dst = rows[r] * K + out;
        raw[dst] += v;
        if (expRaw) expRaw[dst] *= e;
      }
    }
    return;
  }
  if (count < data.rowCount) leafOfRow.fill(-1);
  for (let leaf = 0; leaf < tree.leafCount; leaf++) {
    for (let r = tree.leafBegin[leaf]; r < tree.leafEnd[leaf]; r++) leafOfRow[rows[r]] = leaf;
  }
  for (let i = 0; i < data.rowCount; i++) {
    const len = outputsToUpdate(active, i, out, width);
    if (len === 0) continue;
    const leaf = leafOfRow[i] >= 0 ? leafOfRow[i] : tree.leafOf(data.bins, data.featureCount, i);
    addLeaf(raw, i * K + out, values, leaf * width, len);
    if (expRaw && factors) scaleLeaf(expRaw, i * K + out, factors, leaf * width, len);
  }
}

/**
 * Adds a tree grown on every row to raw scores and multiplies exp(leaf value) into exp(F), then (unless it was
 * the last round) has the objective refresh the row's gradients while its scores are still in cache. Rows are
 * visited in index order (the leaf of each row comes from the partition), which keeps the passes over the large
 * score and gradient arrays sequential. Only outputs below active[i] are touched.
 */
function applyTreeWithGradients(
  tree: GrownTree, rows: Int32Array, raw: Float64Array, expRaw: Float64Array, K: number, active: Int32Array | null,
  leafOfRow: Int32Array, objective: Objective, gh: Float32Array, refresh: boolean, wasm: HazardUpdate | null,
): void {
  const width = tree.width;
  const values = tree.leafValues;
  const factors = values.map(Math.exp);
  for (let leaf = 0; leaf < tree.leafCount; leaf++) {
    for (let r = tree.leafBegin[leaf]; r < tree.leafEnd[leaf]; r++) leafOfRow[rows[r]] = leaf * width;
  }
  if (wasm && wasm.apply(values, factors, width, gh, refresh)) return;
  const n = leafOfRow.length;
  for (let b = 0; b < n; b += FUSED_BLOCK) {
    const stop = Math.min(n, b + FUSED_BLOCK);
    addLeavesToBlock(b, stop, leafOfRow, active, width, K, values, factors, raw, expRaw);
    if (refresh) objective.gradientsOfRange!(b, stop, expRaw, gh);
  }
}

/** Rows begin..end−1 add their leaf's values (offset leafOfRow[i]) to raw and multiply its factors into expRaw. */
function addLeavesToBlock(
  begin: number, end: number, leafOfRow: Int32Array, active: Int32Array | null, width: number, K: number,
  values: Float64Array, factors: Float64Array, raw: Float64Array, expRaw: Float64Array,
): void {
  for (let i = begin; i < end; i++) {
    const off = leafOfRow[i];
    const len = active === null ? width : Math.min(width, active[i]);
    const dst = i * K;
    for (let k = 0; k < len; k++) {
      raw[dst + k] += values[off + k];
      expRaw[dst + k] *= factors[off + k];
    }
  }
}

/** Rows per block of a fused update: small enough that a block's scores stay in cache for the gradients. */
const FUSED_BLOCK = 256;

/** Adds a tree to raw scores of binned data by walking each row (validation, rescoring). */
export function addTree(tree: GrownTree, data: BinnedDataset, raw: Float64Array, K: number, active: Int32Array | null): void {
  const width = tree.width;
  for (let i = 0; i < data.rowCount; i++) {
    const len = outputsToUpdate(active, i, tree.output, width);
    if (len > 0) addLeaf(raw, i * K + tree.output, tree.leafValues, tree.leafOf(data.bins, data.featureCount, i) * width, len);
  }
}

/** How many of a tree's outputs (from `out`) row i needs kept current: all, or those it is at risk in. */
function outputsToUpdate(active: Int32Array | null, i: number, out: number, width: number): number {
  return active === null ? width : Math.max(0, Math.min(width, active[i] - out));
}

function addLeaf(raw: Float64Array, dst: number, values: Float64Array, off: number, len: number): void {
  if (len === 1) raw[dst] += values[off];
  else for (let k = 0; k < len; k++) raw[dst + k] += values[off + k];
}

function scaleLeaf(expRaw: Float64Array, dst: number, factors: Float64Array, off: number, len: number): void {
  for (let k = 0; k < len; k++) expRaw[dst + k] *= factors[off + k];
}

function rescore(trees: GrownTree[], data: BinnedDataset, base: Float64Array, K: number, active: Int32Array | null): Float64Array {
  const raw = tile(base, data.rowCount);
  for (const t of trees) addTree(t, data, raw, K, active);
  return raw;
}

function importanceOf(trees: GrownTree[], featureCount: number): { gain: Float64Array; splits: Int32Array } {
  const gain = new Float64Array(featureCount);
  const splits = new Int32Array(featureCount);
  for (const t of trees) {
    for (let n = 0; n < t.nodeCount; n++) {
      const f = t.feature[n];
      if (f === -1) continue;
      gain[f] += t.gain[n];
      splits[f]++;
    }
  }
  return { gain, splits };
}
