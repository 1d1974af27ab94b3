import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TreeJson } from './model-artifact.js';
import { TreeShapExplainer } from './tree-shap.js';

// Splits on f0, then f1 / f2 (categorical), then f0 again on one path (exercises the path unwinding).
const tree: TreeJson = {
  output: 0,
  outputs: 1,
  feature: [0, 1, 2, 0, -1, -1, -1, -1, -1],
  threshold: [0.5, 2, 0, 0.2, 0, 0, 0, 0, 0],
  left: [1, 3, 5, 7, 0, 1, 2, 3, 4],
  right: [2, 4, 6, 8, -1, -1, -1, -1, -1],
  missingLeft: [1, 0, 1, 0, 0, 0, 0, 0, 0],
  cover: [100, 60, 40, 35, 25, 10, 30, 15, 20],
  categories: { '2': [1, 3] },
  leafValues: [0.4, -1.2, 2.0, 0.7, -0.3],
};

function value(node: number, x: Float64Array, known: Set<number>): number {
  const f = tree.feature[node];
  if (f === -1) return tree.leafValues[tree.left[node]];
  const l = tree.left[node];
  const r = tree.right[node];
  if (known.has(f)) {
    const v = x[f];
    const cats = tree.categories?.[String(node)];
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : cats ? cats.includes(v) : v <= tree.threshold[node];
    return value(goLeft ? l : r, x, known);
  }
  return (tree.cover[l] * value(l, x, known) + tree.cover[r] * value(r, x, known)) / tree.cover[node];
}

/** Exact Shapley values of the cover-conditional expectation, by enumerating every coalition. */
function bruteForce(x: Float64Array, m: number): number[] {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Array(m).fill(0);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set<number>();
      for (let j = 0; j < m; j++) if (mask & (1 << j)) s.add(j);
      const w = (fact(s.size) * fact(m - s.size - 1)) / fact(m);
      const withI = new Set(s).add(i);
      phi[i] += w * (value(0, x, withI) - value(0, x, s));
    }
  }
  return phi;
}

test('TreeSHAP equals brute-force Shapley values, and contributions sum to f(x) − E[f]', () => {
  const explainer = new TreeShapExplainer([tree], new Float64Array([1]));
  const cases = [
    [0.3, 1, 3],
    [0.1, 5, 1],
    [0.9, 1, 3],
    [0.9, 1, 2],
    [NaN, 0, NaN],
    [0.3, NaN, 7],
  ];
  for (const c of cases) {
    const x = new Float64Array(c);
    const phi = new Float64Array(3);
    explainer.explain(x, phi);
    const exact = bruteForce(x, 3);
    phi.forEach((p, i) => assert.ok(Math.abs(p - exact[i]) < 1e-12, `x=${c} feature ${i}: ${p} vs ${exact[i]}`));
    const sum = phi.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - (value(0, x, new Set([0, 1, 2])) - explainer.expectedValue)) < 1e-12);
  }
  assert.ok(Math.abs(explainer.expectedValue - value(0, new Float64Array(3), new Set())) < 1e-12);
});

/** A random tree of the given depth over `m` features (some branches stop early), with covers and leaf values. */
function randomTree(depth: number, m: number, rand: () => number): TreeJson {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missingLeft: number[] = [];
  const cover: number[] = [];
  const leafValues: number[] = [];
  const grow = (d: number, c: number): number => {
    const id = feature.length;
    feature.push(-1); threshold.push(0); left.push(0); right.push(-1); missingLeft.push(0); cover.push(c);
    if (d === depth || (d > 0 && rand() < 0.15)) {
      left[id] = leafValues.length;
      leafValues.push(rand() * 2 - 1);
      return id;
    }
    feature[id] = Math.floor(rand() * m);
    threshold[id] = rand();
    missingLeft[id] = rand() < 0.5 ? 1 : 0;
    const share = 0.2 + 0.6 * rand();
    left[id] = grow(d + 1, c * share);
    right[id] = grow(d + 1, c * (1 - share));
    return id;
  };
  grow(0, 1000);
  return { output: 0, outputs: 1, feature, threshold, left, right, missingLeft, cover, leafValues };
}

test('explaining through the precomputed decision-pattern tables gives the recursion\'s numbers, shallow and deep trees alike', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const m = 6;
  const trees = Array.from({ length: 40 }, (_, i) => randomTree(i % 5 === 4 ? 5 : 1 + (i % 3), m, rand));
  const tabled = new TreeShapExplainer(trees, new Float64Array([1]));
  const recursive = new TreeShapExplainer(trees, new Float64Array([1]), false);
  for (let row = 0; row < 200; row++) {
    const x = Float64Array.from({ length: m }, () => (rand() < 0.1 ? NaN : rand()));
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    tabled.explain(x, a);
    recursive.explain(x, b);
    for (let f = 0; f < m; f++) assert.ok(Math.abs(a[f] - b[f]) < 1e-12, `row ${row} feature ${f}: ${a[f]} vs ${b[f]}`);
  }
});

test('deep trees (depth 4 to 8, features repeated along paths, categorical splits, missing values) explained through per-leaf tables give the recursion\'s numbers', () => {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const m = 4; // few features for deep trees: most paths split on a feature more than once
  const trees = Array.from({ length: 30 }, (_, i) => {
    const t = randomTree(4 + (i % 5), m, rand);
    // Feature 3 is categorical (level codes 0..4): its splits send a random set of levels left.
    const categories: Record<string, number[]> = {};
    t.feature.forEach((f, node) => {
      if (f === 3) categories[String(node)] = [0, 1, 2, 3, 4].filter(() => rand() < 0.5);
    });
    return { ...t, categories };
  });
  const tabled = new TreeShapExplainer(trees, new Float64Array([1]));
  const recursive = new TreeShapExplainer(trees, new Float64Array([1]), false);
  const counts = tabled as unknown as { leafTabled: unknown[]; recursive: unknown[] };
  assert.equal(counts.leafTabled.length, trees.length, 'every deep tree goes through its leaves\' tables');
  assert.equal(counts.recursive.length, 0);
  for (let row = 0; row < 300; row++) {
    const x = Float64Array.from({ length: m }, (_, f) => (rand() < 0.1 ? NaN : f === 3 ? Math.floor(rand() * 5) : rand()));
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    tabled.explain(x, a);
    recursive.explain(x, b);
    for (let f = 0; f < m; f++) assert.ok(Math.abs(a[f] - b[f]) < 1e-12, `row ${row} feature ${f}: ${a[f]} vs ${b[f]}`);
  }
});
