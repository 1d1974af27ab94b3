// The neighbourhood of a node for the console: nodes within `hops` (breadth first, at most `limit` nodes), the edges
// among them, labels and masked keys. Node ids in the answer are local ("n0", "n1", ...) so nothing identifying
// leaves the engine but the masked key. Super-nodes are shown but not expanded.

import { DAY_MS, decodeSpan, stampCount, stampRelation, stampTick, tickToTime } from './edge-stamp.js';
import { Flag, nodeTypeName, relationName } from './node-kinds.js';
import type { TenantGraph } from './tenant-graph.js';

export interface NeighborhoodNode {
  readonly id: string;
  readonly type: string;
  /** Masked hash ("h:AbCdEfGh…"), or the plain name of a non-personal key (employer). */
  readonly key: string;
  readonly hop: number;
  readonly labels: readonly string[];
  /** Persons (for an identifier) or identifiers (for a person) linked, in the whole graph. */
  readonly degree: number;
  readonly superNode: boolean;
  readonly riskScore: number | null;
}

export interface NeighborhoodEdge {
  readonly source: string;
  readonly target: string;
  readonly relation: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
}

export interface Neighborhood {
  readonly nodes: NeighborhoodNode[];
  readonly edges: NeighborhoodEdge[];
  /** True when `limit` cut the breadth-first search short. */
  readonly truncated: boolean;
}

const LABELS: [number, string][] = [
  [Flag.blacklisted, 'blacklisted'], [Flag.defaulted, 'defaulted'], [Flag.fraud, 'fraud'], [Flag.good, 'good'],
];

export function neighborhood(graph: TenantGraph, start: number, hops: number, limit: number): Neighborhood {
  const store = graph.store;
  const local = new Map<number, number>([[start, 0]]);
  const hopOf: number[] = [0];
  const order: number[] = [start];
  let truncated = false;
  for (let head = 0; head < order.length; head++) {
    const v = order[head];
    const hop = hopOf[head];
    if (hop >= hops || (head > 0 && store.isBlocked(v))) continue;
    store.forEachNeighbor(v, (u) => {
      if (local.has(u)) return;
      if (order.length >= limit) {
        truncated = true;
        return false;
      }
      local.set(u, order.length);
      order.push(u);
      hopOf.push(hop + 1);
    });
  }
  const { types, flags } = store.nodes;
  const risk = graph.batch?.scores.risk;
  const nodes = order.map((v, i): NeighborhoodNode => ({
    id: `n${i}`,
    type: nodeTypeName(types[v]),
    key: store.nodes.displayKey(v),
    hop: hopOf[i],
    labels: LABELS.filter(([bit]) => flags[v] & bit).map(([, name]) => name),
    degree: store.degree(v),
    superNode: store.isBlocked(v),
    riskScore: risk && v < risk.length ? risk[v] : null,
  }));
  const edges: NeighborhoodEdge[] = [];
  for (const v of order) {
    if (!store.isPerson(v)) continue;
    store.forEachNeighbor(v, (u, at) => {
      const j = local.get(u);
      if (j === undefined) return;
      const stamp = store.stampAt(at);
      const first = tickToTime(stampTick(stamp));
      edges.push({
        source: `n${local.get(v)}`, target: `n${j}`, relation: relationName(stampRelation(stamp)),
        firstSeen: new Date(first).toISOString(),
        lastSeen: new Date(first + decodeSpan(store.spanAt(at)) * DAY_MS).toISOString(),
        count: stampCount(stamp),
      });
    });
  }
  return { nodes, edges, truncated };
}
