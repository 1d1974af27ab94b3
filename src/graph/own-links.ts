// The applicant's own links for a feature read: the ones stored in the graph, plus the ones in the event being
// decided that are not stored yet (an application is often decided before, or just as, it is logged).

import { DAY_MS, decodeSpan, stampRelation, stampTick, tickToTime } from './edge-stamp.js';
import type { LinkSpec } from './event-links.js';
import type { TenantGraph } from './tenant-graph.js';

export interface OwnLink {
  /** Node id, or -1 for an identifier the graph has never seen. */
  readonly node: number;
  readonly type: number;
  readonly relation: number;
  readonly firstMs: number;
  readonly lastMs: number;
  /** The link is in the graph (so the identifier's person count already includes the applicant). */
  readonly stored: boolean;
}

export function collectOwnLinks(graph: TenantGraph, person: number, extra: readonly LinkSpec[], nowMs: number): OwnLink[] {
  const store = graph.store;
  const types = store.nodes.types;
  const links: OwnLink[] = [];
  const seen = new Set<number>();
  if (person >= 0) {
    store.forEachNeighbor(person, (u, at) => {
      const stamp = store.stampAt(at);
      const firstMs = tickToTime(stampTick(stamp));
      links.push({
        node: u, type: types[u], relation: stampRelation(stamp), firstMs,
        lastMs: firstMs + decodeSpan(store.spanAt(at)) * DAY_MS, stored: true,
      });
      seen.add(u);
    });
  }
  const unseenKeys = new Set<string>();
  for (const spec of extra) {
    const node = store.nodes.find(spec.type, spec.key);
    if (node >= 0) {
      if (seen.has(node)) continue;
      seen.add(node);
    } else {
      const k = `${spec.type}:${spec.key}`;
      if (unseenKeys.has(k)) continue;
      unseenKeys.add(k);
    }
    links.push({ node, type: spec.type, relation: spec.relation, firstMs: nowMs, lastMs: nowMs, stored: false });
  }
  return links;
}
