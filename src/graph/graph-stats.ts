// A summary of one tenant's graph for `argus graph stats` and the console: sizes by type, labels, super-nodes,
// memory per part and per edge, and what the last batch run found and how long it took.

import { BAD_FLAGS, Flag, NODE_TYPE_NAMES, NodeType } from './node-kinds.js';
import type { TenantGraph } from './tenant-graph.js';

export interface GraphStats {
  readonly nodes: number;
  readonly nodesByType: Record<string, number>;
  readonly edges: number;
  readonly deltaEdges: number;
  readonly superNodesByType: Record<string, number>;
  readonly labelledPersons: { blacklisted: number; defaulted: number; fraud: number; good: number; bad: number };
  readonly loans: number;
  readonly memory: { nodes: number; csr: number; delta: number; components: number; batch: number; bytesPerEdge: number | null };
  readonly componentsStale: boolean;
  readonly offset: number;
  readonly batch: null | {
    readonly computedAt: string;
    readonly nodeCount: number;
    readonly components: number;
    readonly largestComponent: number;
    readonly communities: number;
    readonly modularity: number;
    readonly badSeeds: number;
    readonly goodSeeds: number;
    readonly seconds: Readonly<Record<string, number>>;
  };
}

export function graphStats(graph: TenantGraph): GraphStats {
  const store = graph.store;
  const { types, flags } = store.nodes;
  const nodesByType: Record<string, number> = Object.fromEntries(NODE_TYPE_NAMES.map((t) => [t, 0]));
  const superNodesByType: Record<string, number> = {};
  const labelled = { blacklisted: 0, defaulted: 0, fraud: 0, good: 0, bad: 0 };
  for (let v = 0; v < store.nodeCount; v++) {
    const type = NODE_TYPE_NAMES[types[v]];
    nodesByType[type]++;
    const f = flags[v];
    if (f & Flag.superNode) superNodesByType[type] = (superNodesByType[type] ?? 0) + 1;
    if (types[v] !== NodeType.person) continue;
    if (f & Flag.blacklisted) labelled.blacklisted++;
    if (f & Flag.defaulted) labelled.defaulted++;
    if (f & Flag.fraud) labelled.fraud++;
    if (f & Flag.good) labelled.good++;
    if (f & BAD_FLAGS) labelled.bad++;
  }
  const mem = store.memory();
  const batch = graph.batch;
  const batchBytes = batch
    ? batch.community.byteLength + batch.communityPersons.byteLength + batch.communityBad.byteLength +
      batch.scores.badMass.byteLength * 4
    : 0;
  return {
    nodes: store.nodeCount,
    nodesByType,
    edges: store.edgeCount,
    deltaEdges: store.delta.size,
    superNodesByType,
    labelledPersons: labelled,
    loans: graph.loans.size,
    memory: {
      nodes: mem.nodes, csr: mem.csr, delta: mem.delta, components: graph.components.bytes(), batch: batchBytes,
      bytesPerEdge: store.edgeCount > 0 ? mem.total / store.edgeCount : null,
    },
    componentsStale: graph.components.stale,
    offset: graph.offset,
    batch: batch && {
      computedAt: new Date(batch.computedAt).toISOString(),
      nodeCount: batch.nodeCount,
      components: batch.components,
      largestComponent: batch.largestComponent,
      communities: batch.communities,
      modularity: batch.modularity,
      badSeeds: batch.scores.badSeeds,
      goodSeeds: batch.scores.goodSeeds,
      seconds: batch.seconds,
    },
  };
}
