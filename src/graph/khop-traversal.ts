// The bounded traversal behind the per-applicant features: persons at 1 hop (sharing an identifier) and 2 hops,
// and when other persons linked to the applicant's identifiers. Super-nodes are never expanded. Every edge visited
// costs one unit of `budget`; when it runs out the counts are lower bounds and `truncated` is set — this is what
// keeps a read inside its latency budget whatever the graph looks like.

import { stampTick, tickToTime } from './edge-stamp.js';
import type { OwnLink } from './own-links.js';
import type { AdjacencyStore } from './adjacency-store.js';

export const WINDOWS_MS = { d1: 86_400_000, d7: 7 * 86_400_000, d30: 30 * 86_400_000 } as const;

export interface Traversal {
  readonly hop1: Set<number>;
  readonly hop2: Set<number>;
  readonly joined1d: number;
  readonly joined7d: number;
  readonly joined30d: number;
  /** Earliest first-seen of any link into each own identifier (by index in the own-links list). */
  readonly identifierFirstMs: Float64Array;
  readonly truncated: boolean;
}

export function traverseTwoHops(store: AdjacencyStore, person: number, own: readonly OwnLink[], nowMs: number, budget: number): Traversal {
  const hop1 = new Set<number>();
  const hop2 = new Set<number>();
  const joined = [new Set<number>(), new Set<number>(), new Set<number>()];
  const identifierFirstMs = new Float64Array(own.length);
  const ownIdentifiers = new Set<number>();
  let left = budget;
  for (let i = 0; i < own.length; i++) {
    identifierFirstMs[i] = own[i].firstMs;
    if (own[i].node >= 0) ownIdentifiers.add(own[i].node);
  }
  for (let i = 0; i < own.length && left > 0; i++) {
    const ident = own[i].node;
    if (ident < 0 || store.isBlocked(ident)) continue;
    store.forEachNeighbor(ident, (q) => {
      if (--left < 0) return false;
      if (q === person) return;
      hop1.add(q);
      const firstMs = tickToTime(stampTick(store.stampAt(store.findEdge(q, ident))));
      if (firstMs < identifierFirstMs[i]) identifierFirstMs[i] = firstMs;
      const age = nowMs - firstMs;
      if (age >= 0 && age <= WINDOWS_MS.d30) {
        joined[2].add(q);
        if (age <= WINDOWS_MS.d7) joined[1].add(q);
        if (age <= WINDOWS_MS.d1) joined[0].add(q);
      }
    });
  }
  const expanded = new Set<number>(ownIdentifiers);
  for (const q of hop1) {
    if (left <= 0) break;
    store.forEachNeighbor(q, (j) => {
      if (--left < 0) return false;
      if (expanded.has(j) || store.isBlocked(j)) return;
      expanded.add(j);
      store.forEachNeighbor(j, (r) => {
        if (--left < 0) return false;
        if (r !== person && !hop1.has(r)) hop2.add(r);
      });
    });
  }
  return {
    hop1, hop2, joined1d: joined[0].size, joined7d: joined[1].size, joined30d: joined[2].size,
    identifierFirstMs, truncated: left < 0,
  };
}
