// One tenant's graph: the adjacency, live components, the loan -> person map that turns charge-offs into labels, and
// the results of the last batch run. Applies events as they arrive, so an edge is visible to the next read.

import type { ArgusEvent } from '../ingest/index.js';
import { AdjacencyStore, LinkOutcome } from './adjacency-store.js';
import { factsOfEvent, type GraphFact } from './event-links.js';
import { LiveComponents } from './live-components.js';
import { NodeTable } from './node-table.js';
import { BAD_FLAGS, Flag, NodeType } from './node-kinds.js';
import type { SuperNodeRule } from './super-node-rule.js';
import type { BatchResult } from './batch-result.js';
import { TraversalScratch } from './khop-traversal.js';

/** Below this many edges a super-node appearing triggers an immediate component rebuild; above, the next batch. */
const EAGER_COMPONENT_REBUILD_EDGES = 2_000_000;

export class TenantGraph {
  readonly store: AdjacencyStore;
  readonly components = new LiveComponents();
  readonly loans: Map<string, number>;
  batch: BatchResult | null = null;
  /** Highest event-log offset applied (0: none). */
  offset = 0;
  /** Events applied since the last batch run (the scheduler skips tenants with none). */
  changesSinceBatch = 0;
  /** Reusable visit marks for feature reads (synchronous, so one per graph). */
  readonly scratch = new TraversalScratch();

  constructor(rule: SuperNodeRule, nodes = new NodeTable(), loans = new Map<string, number>(), store?: AdjacencyStore) {
    this.store = store ?? new AdjacencyStore(nodes, rule);
    this.loans = loans;
    this.components.rebuild(this.store);
  }

  /** Applies one logged event; returns whether it changed the graph. */
  apply(event: ArgusEvent, timeMs: number, offset = 0): boolean {
    if (offset > this.offset) this.offset = offset;
    let changed = false;
    for (const fact of factsOfEvent(event)) changed = this.applyFact(fact, timeMs) || changed;
    if (changed) this.changesSinceBatch++;
    return changed;
  }

  applyFact(fact: GraphFact, timeMs: number): boolean {
    const nodes = this.store.nodes;
    switch (fact.kind) {
      case 'links': {
        const person = nodes.intern(NodeType.person, fact.person);
        for (const link of fact.links) this.link(person, nodes.intern(link.type, link.key), link.relation, timeMs);
        return true;
      }
      case 'loan':
        this.loans.set(fact.loanId, nodes.intern(NodeType.person, fact.person));
        this.components.addNodes(this.store);
        return true;
      case 'loanClosed': {
        const person = this.loans.get(fact.loanId);
        if (person === undefined) return false;
        return fact.chargedOff ? this.setFlags(person, Flag.defaulted, 0) : this.setFlags(person, Flag.good, 0);
      }
      case 'label': {
        const node = nodes.intern(fact.type, fact.key);
        this.components.addNodes(this.store);
        return this.setFlags(node, fact.set, fact.clear);
      }
      default: {
        const never: never = fact;
        return never;
      }
    }
  }

  /** Sets and clears label bits on a node, keeping component bad counts in step. */
  setFlags(node: number, set: number, clear: number): boolean {
    const flags = this.store.nodes.flags;
    const before = flags[node];
    const after = (before & ~clear) | set;
    if (after === before) return false;
    flags[node] = after;
    if (this.store.isPerson(node)) {
      const wasBad = (before & BAD_FLAGS) !== 0;
      const isBad = (after & BAD_FLAGS) !== 0;
      if (wasBad !== isBad) this.components.adjustBad(node, isBad ? 1 : -1);
    }
    return true;
  }

  private link(person: number, ident: number, relation: number, timeMs: number): void {
    this.components.addNodes(this.store);
    const outcome = this.store.link(person, ident, relation, timeMs);
    if (outcome === LinkOutcome.Created) {
      if (!this.store.isBlocked(ident)) this.components.union(person, ident);
    } else if (outcome === LinkOutcome.CreatedSuper) {
      if (this.store.edgeCount <= EAGER_COMPONENT_REBUILD_EDGES) this.components.rebuild(this.store);
      else this.components.stale = true;
    }
  }
}
