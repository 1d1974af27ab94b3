// Batch algorithms on small graphs against known values: PageRank against igraph 0.10.2's PRPACK on Zachary's
// karate club, Louvain against the known modularity range, components and label propagation by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromEdges } from './csr-graph.js';
import { connectedComponents } from './connected-components.js';
import { pageRank } from './pagerank.js';
import { louvain, modularity } from './louvain-communities.js';
import { labelPropagation } from './label-propagation.js';
import { Random } from '../core/index.js';

// Zachary's karate club (igraph Graph.Famous('Zachary')), 34 nodes, 78 edges.
const KARATE: [number, number][] = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12], [0, 13], [0, 17], [0, 19],
  [0, 21], [0, 31], [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19], [1, 21], [1, 30], [2, 3], [2, 7], [2, 27], [2, 28],
  [2, 32], [2, 9], [2, 8], [2, 13], [3, 7], [3, 12], [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30],
  [8, 32], [8, 33], [9, 33], [13, 33], [14, 32], [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32],
  [20, 33], [22, 32], [22, 33], [23, 25], [23, 27], [23, 32], [23, 33], [23, 29], [24, 25], [24, 27], [24, 31], [25, 31],
  [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32], [29, 33], [30, 32], [30, 33], [31, 32], [31, 33], [32, 33],
];
// igraph 0.10.2: Graph.Famous('Zachary').pagerank(damping=0.85)
const KARATE_PAGERANK = [
  0.0969972854, 0.0528769241, 0.0570785095, 0.0358598578, 0.0219779524, 0.0291111547, 0.0291111547, 0.024490497,
  0.0297660561, 0.0143093971, 0.0219779524, 0.0095647455, 0.014644892, 0.0295364562, 0.014535994, 0.014535994,
  0.0167840054, 0.0145586772, 0.014535994, 0.0196046363, 0.014535994, 0.0145586772, 0.014535994, 0.0315225148,
  0.0210760336, 0.0210061974, 0.0150440381, 0.0256397675, 0.0195734595, 0.0262885377, 0.0245901552, 0.0371580871,
  0.071693226, 0.1009191823,
];

function graphOf(n: number, edges: [number, number][]) {
  return csrFromEdges(n, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

const METHODS = ['cg', 'gauss-seidel'] as const;

for (const method of METHODS) {
  test(`PageRank (${method}) on the karate club matches igraph (PRPACK) to 1e-9`, () => {
    const result = pageRank(graphOf(34, KARATE), { damping: 0.85, tolerance: 1e-12, method });
    for (let v = 0; v < 34; v++) assert.ok(Math.abs(result.ranks[v] - KARATE_PAGERANK[v]) < 1e-9, `node ${v}`);
    assert.ok(result.error < 1e-12);
  });
}

test('PageRank: isolated nodes get the restart share (dangling mass), ranks sum to 1; both solvers agree', () => {
  // path 0-1-2 plus isolated node 3. By hand: x = (0.15 + 0.85 m) / 4 + 0.85 P x with m = x3, and x3 = (0.15 + 0.85 x3) / 4.
  const g = graphOf(4, [[0, 1], [1, 2]]);
  const cg = pageRank(g, { damping: 0.85, tolerance: 1e-13 });
  const gs = pageRank(g, { damping: 0.85, tolerance: 1e-13, method: 'gauss-seidel' });
  const x3 = 0.15 / 4 / (1 - 0.85 / 4);
  for (const result of [cg, gs]) {
    assert.ok(Math.abs(result.ranks.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(Math.abs(result.ranks[0] - result.ranks[2]) < 1e-12, 'symmetric ends');
    assert.ok(Math.abs(result.ranks[3] - x3) < 1e-11, `isolated node: ${result.ranks[3]} vs ${x3}`);
  }
  for (let v = 0; v < 4; v++) assert.ok(Math.abs(cg.ranks[v] - gs.ranks[v]) < 1e-12);
});

test('personalized PageRank concentrates near its seed and is zero where the seed cannot reach', () => {
  const g = graphOf(6, [[0, 1], [1, 2], [2, 3], [4, 5]]);
  const restart = new Float64Array(6);
  restart[0] = 1;
  const gs = pageRank(g, { restart, tolerance: 1e-14, method: 'gauss-seidel' });
  const { ranks } = pageRank(g, { restart, tolerance: 1e-14 });
  for (let v = 0; v < 6; v++) assert.ok(Math.abs(ranks[v] - gs.ranks[v]) < 1e-12, `node ${v}`);
  // Degree-normalised mass falls with distance from the seed (raw mass favours the degree-2 middle nodes).
  const perDegree = [ranks[0], ranks[1] / 2, ranks[2] / 2, ranks[3]];
  for (let v = 0; v < 3; v++) assert.ok(perDegree[v] > perDegree[v + 1], `node ${v}`);
  // Solved by hand: x1 = 0.85 x0 + 0.425 x2, x2 = 0.425 x1 + 0.85 x3, x3 = 0.425 x2, x0 = 0.15 + 0.425 x1.
  const x2OverX1 = 0.425 / (1 - 0.85 * 0.425);
  assert.ok(Math.abs(ranks[2] / ranks[1] - x2OverX1) < 1e-9);
  assert.equal(ranks[4], 0);
  assert.equal(ranks[5], 0);
});

test('PageRank rejects a bad damping and an all-zero restart vector', () => {
  const g = graphOf(2, [[0, 1]]);
  assert.throws(() => pageRank(g, { damping: 1 }), { code: 'GRAPH_DAMPING_INVALID' });
  assert.throws(() => pageRank(g, { restart: new Float64Array(2) }), { code: 'GRAPH_RESTART_INVALID' });
});

test('connected components: sizes and labels on a graph with three parts', () => {
  const result = connectedComponents(graphOf(7, [[0, 1], [1, 2], [3, 4], [5, 5]]));
  assert.equal(result.count, 4);
  assert.deepEqual([...result.labels], [0, 0, 0, 1, 1, 2, 3]);
  assert.deepEqual([...result.sizes], [3, 2, 1, 1]);
});

test('Louvain splits two 5-cliques joined by one edge into exactly those two communities', () => {
  const edges: [number, number][] = [];
  for (const base of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([base + i, base + j]);
  edges.push([4, 5]);
  const g = graphOf(10, edges);
  const result = louvain(g, { seed: 1 });
  assert.equal(result.count, 2);
  for (let v = 1; v < 5; v++) assert.equal(result.membership[v], result.membership[0]);
  for (let v = 6; v < 10; v++) assert.equal(result.membership[v], result.membership[5]);
  assert.notEqual(result.membership[0], result.membership[5]);
  // Q = sum over the two cliques of 20/42 - (21/42)^2 = 2 * (0.47619 - 0.25)
  assert.ok(Math.abs(result.modularity - 2 * (20 / 42 - 0.25)) < 1e-12);
});

test('Louvain on the karate club reaches the known modularity (igraph multilevel: 0.4151; optimum 0.4198)', () => {
  const g = graphOf(34, KARATE);
  for (const seed of [1, 2, 3]) {
    const result = louvain(g, { seed });
    assert.ok(result.modularity > 0.40 && result.modularity <= 0.41979, `seed ${seed}: ${result.modularity}`);
    assert.ok(Math.abs(modularity(g, result.membership) - result.modularity) < 1e-12);
    assert.ok(result.count >= 3 && result.count <= 5);
  }
});

test('Louvain is reproducible for a seed', () => {
  const g = graphOf(34, KARATE);
  assert.deepEqual([...louvain(g, { seed: 7 }).membership], [...louvain(g, { seed: 7 }).membership]);
});

test('label propagation on a path with clamped ends interpolates linearly (the harmonic solution)', () => {
  const g = graphOf(5, [[0, 1], [1, 2], [2, 3], [3, 4]]);
  const seeds = Int8Array.from([1, -1, -1, -1, 0]);
  const { values } = labelPropagation(g, seeds, { prior: 0.5, leak: 0, tolerance: 1e-12, maxIterations: 10_000 });
  const expected = [1, 0.75, 0.5, 0.25, 0];
  for (let v = 0; v < 5; v++) assert.ok(Math.abs(values[v] - expected[v]) < 1e-9, `node ${v}: ${values[v]}`);
});

test('label propagation with leakage: a node hanging off a bad seed, and nodes no label reaches', () => {
  const g = graphOf(4, [[0, 1], [2, 3]]);
  const { values } = labelPropagation(g, Int8Array.from([1, -1, -1, -1]), { prior: 0.1, leak: 0.2 });
  assert.ok(Math.abs(values[1] - (0.2 * 0.1 + 0.8 * 1)) < 1e-12);
  assert.ok(Math.abs(values[2] - 0.1) < 1e-12);
  assert.ok(Math.abs(values[3] - 0.1) < 1e-12);
});

test('connected components (Afforest) equal a breadth-first search on random graphs, giant component or not', () => {
  for (const [n, m, seed] of [[2000, 1500, 1], [2000, 6000, 2], [5000, 40_000, 3]] as const) {
    const random = new Random(seed);
    const edges: [number, number][] = [];
    for (let e = 0; e < m; e++) edges.push([random.int(n), random.int(n)]);
    const g = graphOf(n, edges);
    const result = connectedComponents(g);
    // Reference: BFS labelling in order of each component's smallest node.
    const expected = new Int32Array(n).fill(-1);
    let count = 0;
    for (let s = 0; s < n; s++) {
      if (expected[s] !== -1) continue;
      const queue = [s];
      expected[s] = count;
      while (queue.length > 0) {
        const v = queue.pop()!;
        for (let p = g.offsets[v]; p < g.offsets[v + 1]; p++) {
          if (expected[g.targets[p]] === -1) {
            expected[g.targets[p]] = count;
            queue.push(g.targets[p]);
          }
        }
      }
      count++;
    }
    assert.equal(result.count, count, `graph ${seed}`);
    assert.deepEqual([...result.labels], [...expected], `graph ${seed}`);
    assert.equal([...result.sizes].reduce((a, b) => a + b, 0), n);
  }
});
