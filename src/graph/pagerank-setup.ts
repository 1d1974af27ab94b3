// What both PageRank solvers share: option checks, the normalised restart vector, the starting vector from below and
// turning shares back into ranks. See pagerank.ts.

import { RiskError } from '../core/index.js';
import type { CsrGraph } from './csr-graph.js';
import type { SweepArrays } from './pagerank-sweep.js';
import type { PageRankOptions, PageRankResult } from './pagerank.js';

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
