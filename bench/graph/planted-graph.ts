// A generated undirected graph with planted communities, for timing batch algorithms against igraph on the same
// edges: n nodes in blocks of `block`, each of m edge draws stays inside its block with probability `inside`.
// Self-loops and repeated pairs are dropped, so both sides see the same simple graph.

import { Random } from '../../src/core/index.js';

export interface EdgePairs {
  readonly n: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
}

export function plantedPartitionGraph(n: number, m: number, seed: number, block = 100, inside = 0.7): EdgePairs {
  const random = new Random(seed);
  const keys = new Float64Array(m);
  let k = 0;
  for (let e = 0; e < m; e++) {
    const u = random.int(n);
    const v = random.chance(inside) ? Math.min(n - 1, Math.floor(u / block) * block + random.int(block)) : random.int(n);
    if (u === v) continue;
    keys[k++] = u < v ? u * n + v : v * n + u;
  }
  const sorted = keys.subarray(0, k).sort();
  const a = new Int32Array(k);
  const b = new Int32Array(k);
  let out = 0;
  for (let i = 0; i < k; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    a[out] = Math.floor(sorted[i] / n);
    b[out] = sorted[i] - a[out] * n;
    out++;
  }
  return { n, a: a.slice(0, out), b: b.slice(0, out) };
}
