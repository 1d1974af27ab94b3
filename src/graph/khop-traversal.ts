// The bounded traversal behind the per-applicant features: persons at 1 hop (sharing an identifier) and 2 hops,
// and when other persons linked to the applicant's identifiers. Super-nodes are never expanded. Every edge visited
// costs one unit of `budget`; when it runs out the counts are lower bounds and `truncated` is set — this is what
// keeps a read inside its latency budget whatever the graph looks like. Loops read the CSR arrays directly and mark
// visits in reusable typed-array sets: this is the decision path's hot loop.

import { stampTick, tickToTime } from './edge-stamp.js';
import { Flag } from './node-kinds.js';
import { IntScratchSet } from './int-scratch-set.js';
import type { OwnLink } from './own-links.js';
import type { AdjacencyStore } from './adjacency-store.js';

const DAY_MS = 86_400_000;
/** By node type: shared phones, devices, cards and addresses are close ties; IPs, /24s and employers are not. */
const CLOSE_TIES: readonly boolean[] = [false, true, true, false, false, true, true, false];

export interface Traversal {
  /** 1-hop persons: hop1.list[0 .. hop1.size - 1]. Valid until the next traversal on the same scratch. */
  readonly hop1: IntScratchSet;
  /** 1-hop persons reached through a close tie (a phone, device, card or address, not an IP or employer). */
  readonly close: IntScratchSet;
  readonly hop2: IntScratchSet;
  readonly joined1d: number;
  readonly joined7d: number;
  readonly joined30d: number;
  /** Earliest first-seen of any link into each own identifier (by index in the own-links list). */
  readonly identifierFirstMs: Float64Array;
  readonly truncated: boolean;
  /** Edge visits spent (at most the budget). */
  readonly visits: number;
}

/** Reusable scratch for one reader (reads are synchronous, so one per graph is enough). */
export class TraversalScratch {
  readonly hop1 = new IntScratchSet();
  readonly close = new IntScratchSet();
  readonly hop2 = new IntScratchSet();
  readonly expanded = new IntScratchSet();
  /** Per hop-1 person (by insertion index): the latest first-seen of its links into the applicant's identifiers. */
  latestJoin: Float64Array = new Float64Array(1024);
}

export function traverseTwoHops(
  store: AdjacencyStore, person: number, own: readonly OwnLink[], nowMs: number, budget: number, scratch: TraversalScratch,
): Traversal {
  const { hop1, close, hop2, expanded } = scratch;
  hop1.clear();
  close.clear();
  hop2.clear();
  expanded.clear();
  const { offsets, targets, nodeCount: baseNodes } = store.base;
  const delta = store.delta;
  const flags = store.nodes.flags;
  const identifierFirstMs = new Float64Array(own.length);
  let left = budget;
  for (let i = 0; i < own.length; i++) {
    identifierFirstMs[i] = own[i].firstMs;
    if (own[i].node >= 0) expanded.add(own[i].node);
  }
  const visit1 = (q: number, ident: number, i: number): void => {
    if (CLOSE_TIES[own[i].type]) close.add(q);
    const firstMs = tickToTime(stampTick(store.stampAt(store.findEdge(q, ident))));
    if (firstMs < identifierFirstMs[i]) identifierFirstMs[i] = firstMs;
    let at = hop1.add(q);
    if (at >= 0) {
      if (at >= scratch.latestJoin.length) scratch.latestJoin = grownFloat(scratch.latestJoin, at * 2);
      scratch.latestJoin[at] = firstMs;
    } else {
      at = hop1.indexOf(q);
      if (firstMs > scratch.latestJoin[at]) scratch.latestJoin[at] = firstMs;
    }
  };
  for (let i = 0; i < own.length && left > 0; i++) {
    const ident = own[i].node;
    if (ident < 0 || (flags[ident] & Flag.superNode) !== 0) continue;
    if (ident < baseNodes) {
      for (let p = offsets[ident], end = offsets[ident + 1]; p < end && left > 0; p++, left--) {
        const q = targets[p];
        if (q !== person) visit1(q, ident, i);
      }
    }
    for (let e = delta.inHead(ident); e >= 0 && left > 0; e = delta.nextIn[e], left--) {
      const q = delta.person[e];
      if (q !== person) visit1(q, ident, i);
    }
  }
  const expand = (j: number): void => {
    if ((flags[j] & Flag.superNode) !== 0 || expanded.add(j) < 0) return;
    if (j < baseNodes) {
      for (let p = offsets[j], end = offsets[j + 1]; p < end && left > 0; p++, left--) {
        const r = targets[p];
        if (r !== person && !hop1.has(r)) hop2.add(r);
      }
    }
    for (let e = delta.inHead(j); e >= 0 && left > 0; e = delta.nextIn[e], left--) {
      const r = delta.person[e];
      if (r !== person && !hop1.has(r)) hop2.add(r);
    }
  };
  for (let k = 0; k < hop1.size && left > 0; k++) {
    const q = hop1.list[k];
    if (q < baseNodes) {
      for (let p = offsets[q], end = offsets[q + 1]; p < end && left > 0; p++, left--) expand(targets[p]);
    }
    for (let e = delta.outHead(q); e >= 0 && left > 0; e = delta.nextOut[e], left--) expand(delta.ident[e]);
  }
  let joined1d = 0, joined7d = 0, joined30d = 0;
  for (let k = 0; k < hop1.size; k++) {
    const age = nowMs - scratch.latestJoin[k];
    if (age < 0 || age > 30 * DAY_MS) continue;
    joined30d++;
    if (age <= 7 * DAY_MS) joined7d++;
    if (age <= DAY_MS) joined1d++;
  }
  return { hop1, close, hop2, joined1d, joined7d, joined30d, identifierFirstMs, truncated: left <= 0, visits: budget - left };
}

function grownFloat(a: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(a);
  return next;
}
