// PageRank on an undirected graph as a symmetric linear system, solved by conjugate gradients. With y = x / degree,
// x = (1 - d) r + d A D^-1 x becomes (D - d A) y = (1 - d) r: symmetric positive definite, condition number at most
// (1 + d) / (1 - d), so Jacobi-preconditioned CG converges in about half the sweeps Gauss-Seidel needs. Not monotone,
// so the stopping rule is a residual bound instead: ||x - x*||_1 <= ||residual||_1 / (1 - d) (P is column-stochastic),
// doubled for the final normalisation — still a guaranteed L1 error under `tolerance`, like pageRank's.
// Isolated nodes keep (1 - d) r; sending their mass to the restart distribution only rescales the solution, which
// the normalisation removes.

import type { CsrGraph } from './csr-graph.js';
import type { PageRankOptions, PageRankResult } from './pagerank.js';
import { preparePageRank } from './pagerank-setup.js';

export function pageRankCg(graph: CsrGraph, options: PageRankOptions = {}): PageRankResult {
  const { n, offsets, targets } = graph;
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, error: 0 };
  const setup = preparePageRank(graph, options, (k) => new Float64Array(k));
  const d = setup.damping;
  const restart = setup.arrays.restart;
  const degree = new Float64Array(n);
  const b = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    degree[v] = offsets[v + 1] - offsets[v];
    b[v] = (1 - d) * (restart ? restart[v] : 1 / n);
  }
  const invDegree = setup.arrays.invDegree;
  // Start from x = b (y = b / D); residual r = b - (D - dA) y = d A y.
  const y = new Float64Array(n);
  for (let v = 0; v < n; v++) y[v] = b[v] * invDegree[v];
  const r = new Float64Array(n);
  multiplyAdjacency(offsets, targets, y, r, n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let rz = 0;
  let residual = 0;
  let mass = 0;
  for (let v = 0; v < n; v++) {
    r[v] = degree[v] > 0 ? d * r[v] : 0;
    z[v] = r[v] * invDegree[v];
    p[v] = z[v];
    rz += r[v] * z[v];
    residual += Math.abs(r[v]);
    mass += degree[v] > 0 ? y[v] * degree[v] : b[v];
  }
  let iterations = 0;
  // 2 ||r||_1 / ((1 - d) sum(x)) bounds the L1 error of the normalised ranks.
  let error = (2 * residual) / ((1 - d) * mass);
  while (iterations < setup.maxIterations && error >= setup.tolerance) {
    let pq = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const end = offsets[v + 1];
      for (let k = offsets[v]; k < end; k++) sum += p[targets[k]];
      const qv = degree[v] * p[v] - d * sum;
      q[v] = qv;
      pq += p[v] * qv;
    }
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rzNext = 0;
    residual = 0;
    mass = 0;
    for (let v = 0; v < n; v++) {
      const yv = y[v] + alpha * p[v];
      const rv = r[v] - alpha * q[v];
      y[v] = yv;
      r[v] = rv;
      const zv = rv * invDegree[v];
      z[v] = zv;
      rzNext += rv * zv;
      residual += rv < 0 ? -rv : rv;
      mass += degree[v] > 0 ? yv * degree[v] : b[v];
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let v = 0; v < n; v++) p[v] = z[v] + beta * p[v];
    iterations++;
    error = (2 * residual) / ((1 - d) * mass);
  }
  const ranks = new Float64Array(n);
  let total = 0;
  for (let v = 0; v < n; v++) {
    ranks[v] = degree[v] > 0 ? Math.max(0, y[v] * degree[v]) : b[v];
    total += ranks[v];
  }
  for (let v = 0; v < n; v++) ranks[v] /= total;
  return { ranks, iterations, error };
}

/** out = A x (the unweighted adjacency of the CSR). */
function multiplyAdjacency(offsets: Uint32Array, targets: Int32Array, x: Float64Array, out: Float64Array, n: number): void {
  for (let v = 0; v < n; v++) {
    let sum = 0;
    const end = offsets[v + 1];
    for (let k = offsets[v]; k < end; k++) sum += x[targets[k]];
    out[v] = sum;
  }
}
