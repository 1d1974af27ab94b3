// PageRank and personalized PageRank on a symmetric CsrGraph by Gauss-Seidel sweeps (in place: each node uses the
// newest values of its neighbours). Iterates from below, x0 = (1 - d) * restart, so every iterate stays under the
// solution and 1 - sum(x) bounds the L1 error: it stops when that bound is under `tolerance` — the same rule as
// igraph's default solver (PRPACK). Dangling (isolated) nodes send their mass to the restart distribution.
// Deterministic: node order is fixed, so equal inputs give bit-equal ranks.

import { RiskError } from '../core/index.js';
import type { CsrGraph } from './csr-graph.js';
import { sweepRange, type SweepArrays, type SweepTotals } from './pagerank-sweep.js';

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
  if (graph.n === 0) return { ranks: new Float64Array(0), iterations: 0, error: 0 };
  const setup = preparePageRank(graph, options, (n) => new Float64Array(n));
  const totals: SweepTotals = { mass: 0, dangling: setup.dangling };
  let iterations = 0;
  let error = 1;
  while (iterations < setup.maxIterations && error >= setup.tolerance) {
    sweepRange(setup.arrays, graph.n, 0, graph.n, setup.damping, totals.dangling, totals);
    error = 1 - totals.mass;
    iterations++;
  }
  return finishPageRank(graph, setup.arrays, iterations, error);
}

export interface PageRankSetup {
  readonly arrays: SweepArrays;
  readonly damping: number;
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Mass of the isolated nodes in the starting vector. */
  readonly dangling: number;
}

/** Checks options and builds the starting vector x0 = (1 - d) * restart, from below the solution. */
export function preparePageRank(graph: CsrGraph, options: PageRankOptions, allocate: (n: number) => Float64Array): PageRankSetup {
  const { n, offsets } = graph;
  const damping = options.damping ?? 0.85;
  if (!(damping >= 0 && damping < 1)) throw new RiskError('GRAPH_DAMPING_INVALID', 'damping must be in [0, 1)', { damping });
  const restart = normalisedRestart(n, options.restart ?? null, allocate);
  const share = allocate(n);
  const invDegree = allocate(n);
  let dangling = 0;
  for (let v = 0; v < n; v++) {
    const deg = offsets[v + 1] - offsets[v];
    const x0 = (1 - damping) * (restart ? restart[v] : 1 / n);
    invDegree[v] = deg > 0 ? 1 / deg : 0;
    share[v] = deg > 0 ? x0 / deg : x0;
    if (deg === 0) dangling += x0;
  }
  return {
    arrays: { offsets, targets: graph.targets, share, invDegree, restart }, damping,
    tolerance: options.tolerance ?? 1e-10, maxIterations: options.maxIterations ?? 1000, dangling,
  };
}

/** Turns shares back into ranks summing to 1. */
export function finishPageRank(graph: CsrGraph, arrays: SweepArrays, iterations: number, error: number): PageRankResult {
  const { n, offsets } = graph;
  const ranks = new Float64Array(n);
  let total = 0;
  for (let v = 0; v < n; v++) {
    ranks[v] = arrays.invDegree[v] > 0 ? arrays.share[v] * (offsets[v + 1] - offsets[v]) : arrays.share[v];
    total += ranks[v];
  }
  for (let v = 0; v < n; v++) ranks[v] /= total;
  return { ranks, iterations, error: Math.max(0, error) };
}

function normalisedRestart(n: number, restart: Float64Array | null, allocate: (n: number) => Float64Array): Float64Array | null {
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
  const out = allocate(n);
  for (let v = 0; v < n; v++) out[v] = restart[v] / total;
  return out;
}
