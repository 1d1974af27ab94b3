// The parallel PageRank gives the single-threaded answer within the tolerance, with the same stopping rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import { csrFromEdges } from './csr-graph.js';
import { pageRank } from './pagerank.js';
import { PageRankPool } from './pagerank-pool.js';

function randomGraph(n: number, m: number, seed: number) {
  const random = new Random(seed);
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    a[e] = random.int(n);
    b[e] = random.chance(0.7) ? Math.min(n - 1, a[e] + random.int(50)) : random.int(n);
  }
  return csrFromEdges(n + 10, a, b); // ten isolated nodes at the end
}

test('parallel PageRank (2 threads) matches the single-threaded solvers, uniform and personalized', async () => {
  const pool = await PageRankPool.start(2);
  try {
    assert.equal(pool.threads, 2);
    const g = randomGraph(30_000, 150_000, 5);
    const one = pageRank(g, { tolerance: 1e-12, method: 'gauss-seidel' });
    const two = pool.run(g, { tolerance: 1e-12 });
    let l1 = 0;
    for (let v = 0; v < g.n; v++) l1 += Math.abs(one.ranks[v] - two.ranks[v]);
    assert.ok(l1 < 1e-10, `L1 distance ${l1}`);
    assert.ok(two.error < 1e-12);
    const restart = new Float64Array(g.n);
    restart[7] = 1;
    restart[20_000] = 3;
    const p1 = pageRank(g, { restart, tolerance: 1e-12 });
    const p2 = pool.run(g, { restart, tolerance: 1e-12 });
    let pl1 = 0;
    for (let v = 0; v < g.n; v++) pl1 += Math.abs(p1.ranks[v] - p2.ranks[v]);
    assert.ok(pl1 < 1e-10, `personalized L1 distance ${pl1}`);
    const again = pool.run(g, { tolerance: 1e-12 });
    assert.ok(Math.abs(again.ranks[0] - one.ranks[0]) < 1e-12, 'the pool is reusable');
  } finally {
    await pool.close();
  }
});
