// PageRank and personalized PageRank on a symmetric CsrGraph by Gauss-Seidel sweeps (in place: each node uses the
// newest values of its neighbours). Iterates from below, x0 = (1 - d) * restart, so every iterate stays under the
// solution and 1 - sum(x) bounds the L1 error: it stops when that bound is under `tolerance` — the same rule as
// igraph's default solver (PRPACK). Dangling (isolated) nodes send their mass to the restart distribution.
// Deterministic: node order is fixed, so equal inputs give bit-equal ranks.

import { RiskError } from '../core/index.js';
import type { CsrGraph } from './csr-graph.js';

export interface PageRankOptions {
  /** Probability of following an edge; 1 - damping is the restart probability. */
  readonly damping?: number;
  /** Stop when the L1 error bound (1 - sum of ranks) is below this. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Restart distribution (non-negative, any sum; normalised here). Uniform when absent. */
  readonly restart?: Float64Array | null;
}

export interface PageRankResult {
  /** Sums to 1. */
  readonly ranks: Float64Array;
  readonly iterations: number;
  /** L1 error bound when it stopped. */
  readonly error: number;
}

export function pageRank(graph: CsrGraph, options: PageRankOptions = {}): PageRankResult {
  const { n, offsets } = graph;
  const d = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  if (!(d >= 0 && d < 1)) throw new RiskError('GRAPH_DAMPING_INVALID', 'damping must be in [0, 1)', { damping: d });
  if (n === 0) return { ranks: new Float64Array(0), iterations: 0, error: 0 };
  const restart = normalisedRestart(n, options.restart ?? null);
  // share[v] = x[v] / degree(v): what v passes to each neighbour (x[v] itself for an isolated node).
  const share = new Float64Array(n);
  const invDegree = new Float64Array(n);
  let dangling = 0;
  for (let v = 0; v < n; v++) {
    const deg = offsets[v + 1] - offsets[v];
    const x0 = (1 - d) * (restart ? restart[v] : 1 / n);
    invDegree[v] = deg > 0 ? 1 / deg : 0;
    share[v] = deg > 0 ? x0 / deg : x0;
    if (deg === 0) dangling += x0;
  }
  let iterations = 0;
  let error = 1;
  while (iterations < maxIterations && error >= tolerance) {
    const swept = restart
      ? sweepPersonalized(graph, share, invDegree, d, dangling, restart)
      : sweepUniform(graph, share, invDegree, d, dangling);
    dangling = swept.dangling;
    error = 1 - swept.mass;
    iterations++;
  }
  const ranks = share;
  let total = 0;
  for (let v = 0; v < n; v++) {
    if (invDegree[v] > 0) ranks[v] *= offsets[v + 1] - offsets[v];
    total += ranks[v];
  }
  for (let v = 0; v < n; v++) ranks[v] /= total;
  return { ranks, iterations, error: Math.max(0, error) };
}

interface Sweep {
  mass: number;
  dangling: number;
}

// Two copies of the sweep so that the uniform case reads no restart array in the hot loop.
function sweepUniform(graph: CsrGraph, share: Float64Array, invDegree: Float64Array, d: number, dangling: number): Sweep {
  const { n, offsets, targets } = graph;
  const base = ((1 - d) + d * dangling) / n;
  let mass = 0;
  let nextDangling = 0;
  for (let v = 0; v < n; v++) {
    let sum = 0;
    const end = offsets[v + 1];
    for (let p = offsets[v]; p < end; p++) sum += share[targets[p]];
    const value = base + d * sum;
    mass += value;
    const inv = invDegree[v];
    if (inv > 0) {
      share[v] = value * inv;
    } else {
      share[v] = value;
      nextDangling += value;
    }
  }
  return { mass, dangling: nextDangling };
}

function sweepPersonalized(
  graph: CsrGraph, share: Float64Array, invDegree: Float64Array, d: number, dangling: number, restart: Float64Array,
): Sweep {
  const { n, offsets, targets } = graph;
  const restartWeight = (1 - d) + d * dangling;
  let mass = 0;
  let nextDangling = 0;
  for (let v = 0; v < n; v++) {
    let sum = 0;
    const end = offsets[v + 1];
    for (let p = offsets[v]; p < end; p++) sum += share[targets[p]];
    const value = restartWeight * restart[v] + d * sum;
    mass += value;
    const inv = invDegree[v];
    if (inv > 0) {
      share[v] = value * inv;
    } else {
      share[v] = value;
      nextDangling += value;
    }
  }
  return { mass, dangling: nextDangling };
}

function normalisedRestart(n: number, restart: Float64Array | null): Float64Array | null {
  if (restart === null) return null;
  if (restart.length !== n) {
    throw new RiskError('GRAPH_RESTART_INVALID', 'the restart vector must have one entry per node', { nodes: n, length: restart.length });
  }
  let total = 0;
  for (let v = 0; v < n; v++) {
    if (!(restart[v] >= 0)) throw new RiskError('GRAPH_RESTART_INVALID', 'restart weights must be non-negative', { node: v });
    total += restart[v];
  }
  if (total === 0) throw new RiskError('GRAPH_RESTART_INVALID', 'the restart vector is all zero (no seeds)', {});
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) out[v] = restart[v] / total;
  return out;
}
