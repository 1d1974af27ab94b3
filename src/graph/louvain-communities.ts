// Community detection by Louvain (Blondel et al. 2008): local moving (louvain-level.ts), then aggregation of each
// community into one weighted node, repeated until a level moves nothing. The same algorithm igraph runs as
// community_multilevel. Node order per level comes from a seeded Random, so results are reproducible.

import { Random } from '../core/index.js';
import type { CsrGraph } from './csr-graph.js';
import { moveNodes, type WeightedLevel } from './louvain-level.js';

export interface LouvainOptions {
  readonly resolution?: number;
  readonly seed?: number | string;
  readonly maxLevels?: number;
  readonly onLevel?: (level: number, communities: number, seconds: number) => void;
}

export interface LouvainResult {
  /** Community per node, 0..count-1. */
  readonly membership: Int32Array;
  readonly count: number;
  readonly modularity: number;
  readonly levels: number;
}

export function louvain(graph: CsrGraph, options: LouvainOptions = {}): LouvainResult {
  const resolution = options.resolution ?? 1;
  const random = new Random(options.seed ?? 'louvain');
  const membership = new Int32Array(graph.n);
  for (let v = 0; v < graph.n; v++) membership[v] = v;
  let level: WeightedLevel = { ...graph, weights: null, loops: new Float64Array(graph.n) };
  let levels = 0;
  let count = graph.n;
  const started = Date.now();
  while (levels < (options.maxLevels ?? 30)) {
    const order = shuffledOrder(level.n, random.fork(`level-${levels}`));
    const moved = moveNodes(level, order, resolution);
    const { renumbered, communities } = renumber(moved.community);
    for (let v = 0; v < graph.n; v++) membership[v] = renumbered[membership[v]];
    levels++;
    count = communities;
    options.onLevel?.(levels, communities, (Date.now() - started) / 1000);
    if (moved.moves === 0 || communities === level.n) break;
    level = aggregate(level, renumbered, communities);
  }
  return { membership, count, modularity: modularity(graph, membership, resolution), levels };
}

/** Newman modularity of a partition of an unweighted symmetric graph. */
export function modularity(graph: CsrGraph, membership: Int32Array, resolution = 1): number {
  const { n, offsets, targets } = graph;
  let communities = 0;
  for (let v = 0; v < n; v++) if (membership[v] + 1 > communities) communities = membership[v] + 1;
  const inside = new Float64Array(communities);
  const tot = new Float64Array(communities);
  const total = offsets[n];
  if (total === 0) return 0;
  for (let v = 0; v < n; v++) {
    const c = membership[v];
    tot[c] += offsets[v + 1] - offsets[v];
    for (let p = offsets[v]; p < offsets[v + 1]; p++) if (membership[targets[p]] === c) inside[c]++;
  }
  let q = 0;
  for (let c = 0; c < communities; c++) q += inside[c] / total - resolution * (tot[c] / total) ** 2;
  return q;
}

function shuffledOrder(n: number, random: Random): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

function renumber(community: Int32Array): { renumbered: Int32Array; communities: number } {
  const n = community.length;
  const id = new Int32Array(n).fill(-1);
  const renumbered = new Int32Array(n);
  let next = 0;
  for (let v = 0; v < n; v++) {
    const c = community[v];
    if (id[c] === -1) id[c] = next++;
    renumbered[v] = id[c];
  }
  return { renumbered, communities: next };
}

/** One node per community; edges between communities summed, edges inside become the node's self-loop weight. */
function aggregate(level: WeightedLevel, community: Int32Array, count: number): WeightedLevel {
  const { n, offsets, targets, weights, loops } = level;
  const start = new Uint32Array(count + 1);
  for (let v = 0; v < n; v++) start[community[v] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const members = new Int32Array(n);
  const fill = start.slice(0, count);
  for (let v = 0; v < n; v++) members[fill[community[v]]++] = v;
  const outOffsets = new Uint32Array(count + 1);
  const outTargets = new Int32Array(offsets[n]);
  const outWeights = new Float64Array(offsets[n]);
  const outLoops = new Float64Array(count);
  const slot = new Int32Array(count).fill(-1);
  let k = 0;
  for (let c = 0; c < count; c++) {
    const rowStart = k;
    for (let m = start[c]; m < start[c + 1]; m++) {
      const v = members[m];
      outLoops[c] += loops[v];
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const cu = community[targets[p]];
        const w = weights ? weights[p] : 1;
        if (cu === c) {
          outLoops[c] += w;
        } else if (slot[cu] >= rowStart) {
          outWeights[slot[cu]] += w;
        } else {
          slot[cu] = k;
          outTargets[k] = cu;
          outWeights[k++] = w;
        }
      }
    }
    outOffsets[c + 1] = k;
  }
  return { n: count, offsets: outOffsets, targets: outTargets.slice(0, k), weights: outWeights.slice(0, k), loops: outLoops };
}
