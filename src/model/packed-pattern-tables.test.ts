import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { GbdtScorer } from './gbdt-scorer.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type GbdtArtifact, type TreeJson } from './model-artifact.js';
import { PackedPatternTables, type PackableTree, type PatternTable } from './packed-pattern-tables.js';
import { TreeShapExplainer } from './tree-shap.js';

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** A random tree of at most `depth` levels over m features; thresholds sometimes ±Infinity or -0. */
function randomTree(depth: number, m: number, rand: () => number): TreeJson {
  const t = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], missingLeft: [] as number[], cover: [] as number[], leafValues: [] as number[] };
  const grow = (d: number, c: number): number => {
    const id = t.feature.length;
    t.feature.push(-1); t.threshold.push(0); t.left.push(0); t.right.push(-1); t.missingLeft.push(0); t.cover.push(c);
    if (d === depth || (d > 0 && rand() < 0.2)) {
      t.left[id] = t.leafValues.length;
      t.leafValues.push(rand() * 2 - 1);
      return id;
    }
    t.feature[id] = Math.floor(rand() * m);
    const r = rand();
    t.threshold[id] = r < 0.05 ? Infinity : r < 0.1 ? -Infinity : r < 0.15 ? -0 : rand();
    t.missingLeft[id] = rand() < 0.5 ? 1 : 0;
    const share = 0.2 + 0.6 * rand();
    t.left[id] = grow(d + 1, c * share);
    t.right[id] = grow(d + 1, c * (1 - share));
    return id;
  };
  grow(0, 1000);
  return { output: 0, outputs: 1, ...t };
}

/** Rows with missing values, infinities, -0 and values on the thresholds. */
function randomRow(m: number, rand: () => number, trees: readonly TreeJson[]): Float64Array {
  return Float64Array.from({ length: m }, () => {
    const r = rand();
    if (r < 0.12) return NaN;
    if (r < 0.16) return rand() < 0.5 ? Infinity : -Infinity;
    if (r < 0.2) return -0;
    if (r < 0.3) {
      const t = trees[Math.floor(rand() * trees.length)];
      return t.threshold[Math.floor(rand() * t.threshold.length)];
    }
    return rand();
  });
}

function gbdt(trees: TreeJson[], m: number): GbdtArtifact {
  return {
    format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, kind: 'gbdt', target: 'bad', objective: 'binary', outputs: 1, baseScore: [-1.3],
    features: Array.from({ length: m }, (_, f) => `f${f}`), training: { seconds: 0, rounds: trees.length, params: {} }, trees,
  } as unknown as GbdtArtifact;
}

test('packed tables add each pattern\'s contributions and leaf value exactly as the sparse table and the tree give them', () => {
  const rand = rng(3);
  const m = 5;
  const trees = Array.from({ length: 30 }, (_, i) => randomTree(1 + (i % 3), m, rand));
  // Sparse tables with arbitrary values (the layout is under test here, not TreeSHAP).
  const entries = trees.map((tree) => {
    const shape: PackableTree = {
      feature: Int32Array.from(tree.feature), threshold: Float64Array.from(tree.threshold), left: Int32Array.from(tree.left),
      right: Int32Array.from(tree.right), missingLeft: Uint8Array.from(tree.missingLeft), categories: new Map(),
      firstLeafValue: Float64Array.from(tree.feature, (f, node) => (f === -1 ? tree.leafValues[tree.left[node]] : 0)),
    };
    const splits = tree.feature.flatMap((f, node) => (f === -1 ? [] : [node])).reverse();
    const offsets = [0];
    const features: number[] = [];
    const values: number[] = [];
    for (let p = 0; p < 1 << splits.length; p++) {
      for (let f = 0; f < m; f++) {
        if (rand() < 0.5 && splits.some((node) => tree.feature[node] === f)) {
          features.push(f);
          values.push(rand() - 0.5);
        }
      }
      offsets.push(features.length);
    }
    const table: PatternTable = { splits: Int32Array.from(splits), offsets: Int32Array.from(offsets), features: Int32Array.from(features), values: Float64Array.from(values) };
    return { tree: shape, table };
  });
  const packed = new PackedPatternTables(entries);
  for (let row = 0; row < 2000; row++) {
    const x = randomRow(m, rand, trees);
    const expected = new Float64Array(m);
    let sum = 0.25;
    for (const { tree, table } of entries) {
      // The explainer's decision (missing: its direction; else value <= threshold) and the forest's walk.
      let pattern = 0;
      table.splits.forEach((node, bit) => {
        const v = x[tree.feature[node]];
        if (v !== v ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]) pattern |= 1 << bit;
      });
      for (let e = table.offsets[pattern]; e < table.offsets[pattern + 1]; e++) expected[table.features[e]] += table.values[e];
      let node = 0;
      while (tree.feature[node] !== -1) {
        const v = x[tree.feature[node]];
        node = v !== v ? (tree.missingLeft[node] ? tree.left[node] : tree.right[node]) : v > tree.threshold[node] ? tree.right[node] : tree.left[node];
      }
      sum += tree.firstLeafValue[node];
    }
    const phi = new Float64Array(m);
    const got = packed.explain(x, phi, 0.25);
    assert.ok(Object.is(got, sum), `row ${row}: sum ${got} vs ${sum}`);
    assert.ok(isDeepStrictEqual(phi, expected), `row ${row}: ${phi} vs ${expected}`);
  }
});

test('a GBDT\'s PD and reasons from one pass over its trees are predictRow\'s and topContributions\' numbers, lone leaves and infinite thresholds included', () => {
  const rand = rng(5);
  const m = 6;
  const trees = Array.from({ length: 60 }, (_, i) => randomTree(i % 7 === 0 ? 0 : 1 + (i % 3), m, rand));
  const model = new GbdtScorer(gbdt(trees, m));
  assert.equal((model as unknown as { treeExplainer(): TreeShapExplainer }).treeExplainer().sumsLeaves, true);
  const recursion = new TreeShapExplainer(trees, new Float64Array([1]), false);
  for (let row = 0; row < 2000; row++) {
    const x = randomRow(m, rand, trees);
    const both = model.predictWithContributions(x, 3);
    assert.ok(Object.is(both.prediction, model.predictRow(x)), `row ${row}`);
    assert.deepEqual(both.contributions, model.topContributions(x, 3));
    const phi = model.featureContributions(x);
    const exact = new Float64Array(m);
    recursion.explain(x, exact);
    for (let f = 0; f < m; f++) assert.ok(Math.abs(phi[f] - exact[f]) < 1e-12, `row ${row} feature ${f}: ${phi[f]} vs ${exact[f]}`);
  }
  assert.throws(() => model.predictWithContributions(new Float64Array(m - 1), 2), { code: 'MODEL_INPUT_INVALID' });
});

test('a forest the tables cannot sum (a tree too big for a pattern table) scores and explains the separate way, with the same answers', () => {
  const rand = rng(9);
  const m = 4;
  const trees = [randomTree(2, m, rand), randomTree(5, m, rand), randomTree(1, m, rand)];
  const model = new GbdtScorer(gbdt(trees, m));
  assert.equal((model as unknown as { treeExplainer(): TreeShapExplainer }).treeExplainer().sumsLeaves, false);
  for (let row = 0; row < 300; row++) {
    const x = randomRow(m, rand, trees);
    assert.deepEqual(model.predictWithContributions(x, 2), { prediction: model.predictRow(x), contributions: model.topContributions(x, 2) });
  }
});
