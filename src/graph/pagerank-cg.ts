// PageRank on an undirected graph as a symmetric linear system, solved by conjugate gradients. With y = x / degree,
// x = (1 - d) r + d A D^-1 x becomes (D - d A) y = (1 - d) r: symmetric positive definite, condition number at most
// (1 + d) / (1 - d), so Jacobi-preconditioned CG converges in about a quarter of the passes Gauss-Seidel needs. Not
// monotone, so the stopping rule is a residual bound instead: ||x - x*||_1 <= ||residual||_1 / (1 - d) (P is
// column-stochastic), doubled for the final normalisation — still a guaranteed L1 error under `tolerance`.
// Isolated nodes keep (1 - d) r; sending their mass to the restart distribution only rescales the solution, which
// the normalisation removes. Five arrays of n doubles: the working set is what bounds its speed.

import type { CsrGraph } from './csr-graph.js';
import type { PageRankOptions, PageRankResult } from './pagerank.js';
import { preparePageRank } from './pagerank-setup.js';

export function pageRankCg(graph: CsrGraph, options: PageRankOptions = {}): PageRankResult {
  const { n, offsets, targets } = graph;
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, error: 0 };
  const setup = preparePageRank(graph, options, (k) => new Float64Array(k));
  const d = setup.damping;
  const invDegree = setup.arrays.invDegree;
  // b = (1 - d) r. Start from x = b (y = b / D); residual r = b - (D - dA) y = d A y for non-isolated nodes.
  const y = setup.arrays.share; // preparePageRank filled it with x0 / degree = b / D (b itself when isolated)
  const r = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let rz = 0;
  let residual = 0;
  let mass = 0;
  for (let v = 0; v < n; v++) {
    const start = offsets[v];
    const end = offsets[v + 1];
    if (end === start) {
      mass += y[v];
      continue;
    }
    let sum = 0;
    for (let k = start; k < end; k++) sum += y[targets[k]];
    const rv = d * sum;
    r[v] = rv;
    p[v] = rv * invDegree[v];
    rz += rv * p[v];
    residual += rv;
    mass += y[v] * (end - start);
  }
  let iterations = 0;
  // 2 ||r||_1 / ((1 - d) sum(x)) bounds the L1 error of the normalised ranks.
  let error = (2 * residual) / ((1 - d) * mass);
  while (iterations < setup.maxIterations && error >= setup.tolerance) {
    let pq = 0;
    for (let v = 0; v < n; v++) {
      const start = offsets[v];
      const end = offsets[v + 1];
      let sum = 0;
      for (let k = start; k < end; k++) sum += p[targets[k]];
      const qv = (end - start) * p[v] - d * sum;
      q[v] = qv;
      pq += p[v] * qv;
    }
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rzNext = 0;
    residual = 0;
    mass = 0;
    for (let v = 0; v < n; v++) {
      const inv = invDegree[v];
      if (inv === 0) {
        mass += y[v];
        continue;
      }
      const yv = y[v] + alpha * p[v];
      const rv = r[v] - alpha * q[v];
      y[v] = yv;
      r[v] = rv;
      rzNext += rv * rv * inv;
      residual += rv < 0 ? -rv : rv;
      mass += yv / inv;
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let v = 0; v < n; v++) p[v] = r[v] * invDegree[v] + beta * p[v];
    iterations++;
    error = (2 * residual) / ((1 - d) * mass);
  }
  const ranks = new Float64Array(n);
  let total = 0;
  for (let v = 0; v < n; v++) {
    const inv = invDegree[v];
    ranks[v] = inv > 0 ? Math.max(0, y[v] / inv) : y[v];
    total += ranks[v];
  }
  for (let v = 0; v < n; v++) ranks[v] /= total;
  return { ranks, iterations, error };
}
