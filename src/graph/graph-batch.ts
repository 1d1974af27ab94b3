// The batch run over one tenant's graph: compact the delta, connected components (and a fresh live union-find),
// Louvain communities, and risk propagation from known-bad and known-good seeds. Reports each stage's time through
// onProgress. Runs on the calling thread: on a large graph the process pauses for its duration (see docs/graph.md).

import type { Clock } from '../core/index.js';
import { connectedComponents } from './connected-components.js';
import { traversalGraph } from './csr-graph.js';
import { louvain } from './louvain-communities.js';
import { BAD_FLAGS, Flag, NodeType } from './node-kinds.js';
import { propagateRisk } from './risk-propagation.js';
import type { BatchResult } from './batch-result.js';
import type { TenantGraph } from './tenant-graph.js';

export interface BatchOptions {
  readonly clock: Clock;
  readonly damping?: number;
  readonly alpha?: number;
  readonly seed?: number | string;
  /** Called as each stage ends with its name and seconds, and for Louvain after each level. */
  readonly onProgress?: (stage: string, seconds: number, detail?: string) => void;
}

export function runBatch(graph: TenantGraph, options: BatchOptions): BatchResult {
  const seconds: Record<string, number> = {};
  const stage = <T>(name: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    seconds[name] = (performance.now() - started) / 1000;
    options.onProgress?.(name, seconds[name]);
    return result;
  };
  const store = graph.store;
  const g = stage('compact', () => {
    store.refreshSuperFlags();
    return traversalGraph(store);
  });
  const components = stage('components', () => {
    const result = connectedComponents(g);
    graph.components.loadLabels(store, result.labels, result.count);
    return result;
  });
  const communities = stage('communities', () =>
    louvain(g, {
      seed: options.seed ?? 'graph-batch',
      onLevel: (level, count, s) => options.onProgress?.('communities', s, `level ${level}: ${count} communities`),
    }),
  );
  const { types, flags } = store.nodes;
  const communityPersons = new Int32Array(communities.count);
  const communityBad = new Int32Array(communities.count);
  const seeds = new Int8Array(g.n).fill(-1);
  let persons = 0;
  let badPersons = 0;
  for (let v = 0; v < g.n; v++) {
    const bad = (flags[v] & BAD_FLAGS) !== 0;
    if (types[v] === NodeType.person) {
      persons++;
      if (bad) badPersons++;
      communityPersons[communities.membership[v]]++;
      if (bad) communityBad[communities.membership[v]]++;
      if (bad) seeds[v] = 1;
      else if (flags[v] & Flag.good) seeds[v] = 0;
    } else if (bad) {
      seeds[v] = 1; // a blacklisted phone or device is known-bad too
    }
  }
  const scores = stage('propagation', () =>
    propagateRisk(g, seeds, persons > 0 ? badPersons / persons : 0, {
      damping: options.damping, alpha: options.alpha,
      onStage: (name, s) => {
        seconds[name] = s;
        options.onProgress?.(name, s);
      },
    }),
  );
  let largest = 0;
  for (const size of components.sizes) if (size > largest) largest = size;
  graph.changesSinceBatch = 0;
  graph.batch = {
    nodeCount: g.n, edgeCount: store.edgeCount, computedAt: options.clock.now(),
    components: components.count, largestComponent: largest,
    community: communities.membership, communities: communities.count, modularity: communities.modularity,
    communityPersons, communityBad, scores, seconds,
  };
  return graph.batch;
}
