// The graph risk score: personalized PageRank from known-bad seeds and from known-good seeds, and label propagation,
// combined into one number in [0, 1] for every node (persons with no history included: they inherit from whoever
// they are linked to). A seed's own score includes its own label: it is the "known" end of the propagation.
//
//   badMass(v)  = |bad seeds|  * PPR_bad(v)     (each seed emits one unit of mass)
//   goodMass(v) = |good seeds| * PPR_good(v)
//   pprRisk(v)  = (badMass + alpha * prior) / (badMass + goodMass + alpha)     prior = known-bad persons / persons
//   risk(v)     = (pprRisk(v) + labelProp(v)) / 2
// alpha is a pseudo-mass: a node that little label mass reaches stays near the prior instead of swinging to 0 or 1.

import type { CsrGraph } from './csr-graph.js';
import { pageRank } from './pagerank.js';
import { labelPropagation } from './label-propagation.js';

export interface PropagationOptions {
  readonly damping?: number;
  readonly alpha?: number;
  readonly onStage?: (stage: string, seconds: number) => void;
}

export interface PropagationScores {
  readonly badMass: Float32Array;
  readonly goodMass: Float32Array;
  readonly labelProp: Float32Array;
  readonly risk: Float32Array;
  readonly badSeeds: number;
  readonly goodSeeds: number;
  readonly prior: number;
  readonly damping: number;
  readonly alpha: number;
}

export const DEFAULT_RISK_ALPHA = 1e-3;

/**
 * seeds[v]: 1 known bad, 0 known good, -1 unlabelled. `prior` is the base rate an unlabelled node falls back to: the
 * share of known-bad persons in the population (not among the labelled, who over-represent outcomes).
 */
export function propagateRisk(graph: CsrGraph, seeds: Int8Array, prior: number, options: PropagationOptions = {}): PropagationScores {
  const n = graph.n;
  const damping = options.damping ?? 0.85;
  const alpha = options.alpha ?? DEFAULT_RISK_ALPHA;
  const bad = new Float64Array(n);
  const good = new Float64Array(n);
  let badSeeds = 0;
  let goodSeeds = 0;
  for (let v = 0; v < n; v++) {
    if (seeds[v] === 1) {
      bad[v] = 1;
      badSeeds++;
    } else if (seeds[v] === 0) {
      good[v] = 1;
      goodSeeds++;
    }
  }
  const badMass = seedMass(graph, bad, badSeeds, damping, options, 'ppr_bad');
  const goodMass = seedMass(graph, good, goodSeeds, damping, options, 'ppr_good');
  let started = Date.now();
  const lp = labelPropagation(graph, seeds, { prior });
  options.onStage?.('label_propagation', (Date.now() - started) / 1000);
  started = Date.now();
  const labelProp = Float32Array.from(lp.values);
  const risk = new Float32Array(n);
  for (let v = 0; v < n; v++) risk[v] = combineRisk(badMass[v], goodMass[v], labelProp[v], prior, alpha);
  return { badMass, goodMass, labelProp, risk, badSeeds, goodSeeds, prior, damping, alpha };
}

export function combineRisk(badMass: number, goodMass: number, labelProp: number, prior: number, alpha: number): number {
  const pprRisk = (badMass + alpha * prior) / (badMass + goodMass + alpha);
  return (pprRisk + labelProp) / 2;
}

function seedMass(graph: CsrGraph, restart: Float64Array, seeds: number, damping: number, options: PropagationOptions, stage: string): Float32Array {
  const mass = new Float32Array(graph.n);
  if (seeds === 0) return mass;
  const started = Date.now();
  // Masses are per seed unit: an L1 error of 1e-4 units summed over all nodes is far below alpha at any one node.
  const result = pageRank(graph, { damping, restart, tolerance: 1e-4 / seeds });
  for (let v = 0; v < graph.n; v++) mass[v] = result.ranks[v] * seeds;
  options.onStage?.(stage, (Date.now() - started) / 1000);
  return mass;
}
