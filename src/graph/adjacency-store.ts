// The adjacency of one tenant's graph: interned nodes, the CSR core of the last compaction, and the delta of edges
// added since. Every edge joins a person to an identifier; a (person, identifier) pair is one edge whatever the number
// of sightings (its stamp counts them). Compaction folds the delta into a new CSR; until then reads see both.

import { NodeTable } from './node-table.js';
import { DeltaEdges } from './delta-edges.js';
import { buildCsr, csrBytes, emptyCsr, type CsrCore } from './csr-core.js';
import {
  DAY_MS, decodeSpan, encodeSpan, packStamp, spanDays, stampCount, stampRelation, stampTick, tickToTime, timeToTick,
} from './edge-stamp.js';
import { Flag, NodeType } from './node-kinds.js';
import type { SuperNodeRule } from './super-node-rule.js';

export const LinkOutcome = {
  Seen: 0,
  Created: 1,
  /** Created, and the identifier just went over its cap. */
  CreatedSuper: 2,
} as const;
export type LinkOutcome = (typeof LinkOutcome)[keyof typeof LinkOutcome];

export interface StoreMemory {
  readonly nodes: number;
  readonly csr: number;
  readonly delta: number;
  readonly total: number;
}

export class AdjacencyStore {
  base: CsrCore;
  readonly delta = new DeltaEdges();

  constructor(readonly nodes: NodeTable, readonly rule: SuperNodeRule, base: CsrCore = emptyCsr()) {
    this.base = base;
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  get edgeCount(): number {
    return this.base.edgeCount + this.delta.size;
  }

  isPerson(v: number): boolean {
    return this.nodes.types[v] === NodeType.person;
  }

  /** True for a super-node: traversals must not pass through it. */
  isBlocked(v: number): boolean {
    return (this.nodes.flags[v] & Flag.superNode) !== 0;
  }

  /** Links for a person, persons for an identifier. */
  degree(v: number): number {
    const base = v < this.base.nodeCount ? this.base.offsets[v + 1] - this.base.offsets[v] : 0;
    return base + (this.isPerson(v) ? this.delta.outCount(v) : this.delta.inCount(v));
  }

  /** Records one sighting of person -> identifier at `timeMs`. */
  link(person: number, ident: number, relation: number, timeMs: number): LinkOutcome {
    const tick = timeToTick(timeMs);
    const at = this.findEdge(person, ident);
    if (at !== -1) {
      const stamp = this.stampAt(at);
      const first = tickToTime(stampTick(stamp));
      const last = Math.max(first + decodeSpan(this.spanAt(at)) * DAY_MS, timeMs);
      const firstTick = Math.min(stampTick(stamp), tick);
      const next = packStamp(firstTick, Math.min(stampRelation(stamp), relation), stampCount(stamp) + 1);
      this.setAttr(at, next, encodeSpan(spanDays(tickToTime(firstTick), last)));
      return LinkOutcome.Seen;
    }
    this.delta.append(person, ident, packStamp(tick, relation, 1), 0);
    const flags = this.nodes.flags;
    if ((flags[ident] & Flag.superNode) === 0 && this.rule.isSuper(this.nodes.types[ident], this.degree(ident))) {
      flags[ident] |= Flag.superNode;
      return LinkOutcome.CreatedSuper;
    }
    return LinkOutcome.Created;
  }

  /** Where the edge's attributes are: an index >= 0 in the CSR, <= -2 for delta edge (-2 - at), -1 if absent. */
  findEdge(person: number, ident: number): number {
    const base = this.base;
    if (person < base.nodeCount) {
      let lo = base.offsets[person];
      let hi = base.offsets[person + 1] - 1;
      const row = lo;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const t = base.targets[mid];
        if (t === ident) return base.attrBase[person] + (mid - row);
        if (t < ident) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    const e = this.delta.find(person, ident);
    return e < 0 ? -1 : -2 - e;
  }

  stampAt(at: number): number {
    return at >= 0 ? this.base.stamps[at] : this.delta.stamps[-2 - at];
  }

  spanAt(at: number): number {
    return at >= 0 ? this.base.spans[at] : this.delta.spans[-2 - at];
  }

  /**
   * Calls fn(neighbour, attrAt) for every neighbour (CSR row first, then the delta); attrAt locates the edge's
   * attributes for a person's row (see findEdge), -1 for an identifier's. Stops early when fn returns false.
   */
  forEachNeighbor(v: number, fn: (u: number, attrAt: number) => boolean | void): void {
    const base = this.base;
    const person = this.isPerson(v);
    if (v < base.nodeCount) {
      const start = base.offsets[v];
      const end = base.offsets[v + 1];
      const attr = base.attrBase[v] - start;
      for (let p = start; p < end; p++) if (fn(base.targets[p], person ? attr + p : -1) === false) return;
    }
    const delta = this.delta;
    if (person) {
      for (let e = delta.outHead(v); e >= 0; e = delta.nextOut[e]) if (fn(delta.ident[e], -2 - e) === false) return;
    } else {
      for (let e = delta.inHead(v); e >= 0; e = delta.nextIn[e]) if (fn(delta.person[e], -1) === false) return;
    }
  }

  /** Folds the delta into a fresh CSR core. O(N + E); the caller decides when (schedule, or delta too large). */
  compact(): void {
    const base = this.base;
    const m = base.edgeCount + this.delta.size;
    const person = new Int32Array(m);
    const ident = new Int32Array(m);
    const stamps = new Uint32Array(m);
    const spans = new Uint8Array(m);
    let k = 0;
    for (let v = 0; v < base.nodeCount; v++) {
      if (!this.isPerson(v)) continue;
      const start = base.offsets[v];
      for (let p = start; p < base.offsets[v + 1]; p++) {
        person[k] = v;
        ident[k] = base.targets[p];
        stamps[k] = base.stamps[base.attrBase[v] + (p - start)];
        spans[k] = base.spans[base.attrBase[v] + (p - start)];
        k++;
      }
    }
    const d = this.delta;
    for (let e = 0; e < d.size; e++, k++) {
      person[k] = d.person[e];
      ident[k] = d.ident[e];
      stamps[k] = d.stamps[e];
      spans[k] = d.spans[e];
    }
    this.base = buildCsr(this.nodes.size, { person, ident, stamps, spans, length: m });
    this.delta.clear();
  }

  /** Re-derives every super-node flag from degrees (after caps change or a snapshot load). */
  refreshSuperFlags(): number {
    let supers = 0;
    const { flags, types } = this.nodes;
    for (let v = 0; v < this.nodes.size; v++) {
      const blocked = types[v] !== NodeType.person && this.rule.isSuper(types[v], this.degree(v));
      flags[v] = blocked ? flags[v] | Flag.superNode : flags[v] & ~Flag.superNode;
      if (blocked) supers++;
    }
    return supers;
  }

  memory(): StoreMemory {
    const nodes = this.nodes.bytes();
    const csr = csrBytes(this.base);
    const delta = this.delta.bytes();
    return { nodes, csr, delta, total: nodes + csr + delta };
  }

  private setAttr(at: number, stamp: number, span: number): void {
    if (at >= 0) {
      this.base.stamps[at] = stamp;
      this.base.spans[at] = span;
    } else {
      this.delta.stamps[-2 - at] = stamp;
      this.delta.spans[-2 - at] = span;
    }
  }
}
