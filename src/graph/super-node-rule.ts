// The documented rule for very high-degree identifiers (public Wi-Fi IPs, big employers, call centres):
// an identifier linked to MORE than cap(type) persons is a super-node. It keeps its edges and its own counts (so
// "persons sharing this IP" stays true), but no traversal passes through it: k-hop features, components, communities
// and propagation treat it as a dead end. Below the cap, propagation down-weights an identifier by its degree anyway
// (a random walk splits its mass over its persons), so a 40-person IP passes on 1/40 of what a 1-person IP does.
// Caps are per tenant; changing them takes effect for new links at once and for old ones at the next rebuild.

import { RiskError } from '../core/index.js';
import { IDENTIFIER_TYPE_NAMES, NodeType, type NodeTypeName } from './node-kinds.js';

export type SuperNodeCaps = Readonly<Record<Exclude<NodeTypeName, 'person'>, number>>;

/** Defaults sized above the largest fraud rings we model (tens of persons) and below "half the population". */
export const DEFAULT_SUPER_NODE_CAPS: SuperNodeCaps = {
  phone: 50,
  device: 30,
  ip: 50,
  ip24: 250,
  card: 20,
  address: 60,
  employer: 300,
};

export class SuperNodeRule {
  /** cap by node type code; persons are never capped. */
  private readonly capByType: Int32Array;

  constructor(caps: Partial<SuperNodeCaps> = {}) {
    this.capByType = new Int32Array(Object.keys(NodeType).length).fill(0x7fffffff);
    const problems: string[] = [];
    for (const name of IDENTIFIER_TYPE_NAMES) {
      const cap = (caps as Record<string, number | undefined>)[name] ?? DEFAULT_SUPER_NODE_CAPS[name as keyof SuperNodeCaps];
      if (!Number.isInteger(cap) || cap < 1) problems.push(`${name}: ${String(cap)}`);
      this.capByType[NodeType[name]] = cap;
    }
    for (const name of Object.keys(caps)) {
      if (!(IDENTIFIER_TYPE_NAMES as readonly string[]).includes(name)) problems.push(`${name}: not an identifier type`);
    }
    if (problems.length > 0) {
      throw new RiskError('GRAPH_CAPS_INVALID', 'super-node caps must be positive integers per identifier type', { problems });
    }
  }

  cap(type: number): number {
    return this.capByType[type];
  }

  isSuper(type: number, persons: number): boolean {
    return persons > this.capByType[type];
  }

  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of IDENTIFIER_TYPE_NAMES) out[name] = this.capByType[NodeType[name]];
    return out;
  }
}
