// Label propagation as the harmonic function of Zhu, Ghahramani & Lafferty (2003) with leakage: known-bad nodes are
// clamped to 1, known-good to 0, and every other node converges to leak * prior + (1 - leak) * (mean of its
// neighbours). With leak = 0 it is the pure harmonic function; a small leak makes influence fade with distance, so a
// component with only bad labels is not uniformly 1. Gauss-Seidel sweeps in place. Unreachable nodes keep the prior.

import type { CsrGraph } from './csr-graph.js';

export interface LabelPropagationOptions {
  /** Starting value of unlabelled nodes, and what unreachable ones keep (the base rate of bad among the labelled). */
  readonly prior: number;
  /** Pull toward the prior at every node (0 = pure harmonic). */
  readonly leak?: number;
  readonly maxIterations?: number;
  /** Stop when the largest change of a sweep is below this. */
  readonly tolerance?: number;
}

/** seeds[v]: 1 known bad, 0 known good, -1 unlabelled. Returns a value in [0, 1] per node. */
export function labelPropagation(graph: CsrGraph, seeds: Int8Array, options: LabelPropagationOptions): { values: Float64Array; iterations: number } {
  const { n, offsets, targets } = graph;
  const values = new Float64Array(n);
  for (let v = 0; v < n; v++) values[v] = seeds[v] === 1 ? 1 : seeds[v] === 0 ? 0 : options.prior;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-4;
  const leak = options.leak ?? 0.1;
  const fromPrior = leak * options.prior;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let largest = 0;
    for (let v = 0; v < n; v++) {
      if (seeds[v] !== -1) continue;
      const start = offsets[v];
      const end = offsets[v + 1];
      if (end === start) continue;
      let sum = 0;
      for (let p = start; p < end; p++) sum += values[targets[p]];
      const next = fromPrior + (1 - leak) * (sum / (end - start));
      const change = Math.abs(next - values[v]);
      if (change > largest) largest = change;
      values[v] = next;
    }
    if (largest < tolerance) {
      iterations++;
      break;
    }
  }
  return { values, iterations };
}
