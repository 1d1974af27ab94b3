// The plain graph the batch algorithms run on: a symmetric CSR (each undirected edge listed from both ends), node
// ids 0..n-1. The tenant graph hands its own arrays over when nothing is blocked, or a copy without super-nodes.

import type { AdjacencyStore } from './adjacency-store.js';
import { Flag } from './node-kinds.js';

export interface CsrGraph {
  readonly n: number;
  readonly offsets: Uint32Array;
  readonly targets: Int32Array;
}

/** Builds a CsrGraph from an undirected edge list (a[i] - b[i]); self-loops and repeats are kept as given. */
export function csrFromEdges(n: number, a: Int32Array, b: Int32Array, m = a.length): CsrGraph {
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[a[e] + 1]++;
    offsets[b[e] + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]);
  for (let e = 0; e < m; e++) {
    targets[fill[a[e]]++] = b[e];
    targets[fill[b[e]]++] = a[e];
  }
  return { n, offsets, targets };
}

/**
 * The graph that batch algorithms see: every node, but no edge into a super-node. Compacts the store first so the
 * CSR holds every edge; shares the store's arrays when no super-node exists (no copy).
 */
export function traversalGraph(store: AdjacencyStore): CsrGraph {
  if (store.delta.size > 0 || store.base.nodeCount < store.nodeCount) store.compact();
  const { offsets, targets } = store.base;
  const n = store.nodeCount;
  const flags = store.nodes.flags;
  let blockedEntries = 0;
  for (let v = 0; v < n; v++) if (store.isBlocked(v)) blockedEntries += offsets[v + 1] - offsets[v];
  if (blockedEntries === 0) return { n, offsets, targets };
  const out = new Uint32Array(n + 1);
  const kept = new Int32Array(targets.length - 2 * blockedEntries);
  let k = 0;
  for (let v = 0; v < n; v++) {
    if (!store.isBlocked(v)) {
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const u = targets[p];
        if ((flags[u] & Flag.superNode) === 0) kept[k++] = u;
      }
    }
    out[v + 1] = k;
  }
  return { n, offsets: out, targets: kept };
}
