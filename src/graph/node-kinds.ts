// The vocabulary of the relationship graph: node types, relations (edge kinds) and per-node label flags.
// Numeric codes are stored in typed arrays and snapshots, so a code never changes meaning once shipped.

import { RiskError } from '../core/index.js';

/** Node types. A person is keyed by hashed ID number; every other type is an identifier a person links to. */
export const NodeType = {
  person: 0,
  phone: 1,
  device: 2,
  ip: 3,
  ip24: 4,
  card: 5,
  address: 6,
  employer: 7,
} as const;
export type NodeTypeName = keyof typeof NodeType;
export const NODE_TYPE_NAMES = Object.keys(NodeType) as NodeTypeName[];
export const IDENTIFIER_TYPE_NAMES = NODE_TYPE_NAMES.filter((t): t is Exclude<NodeTypeName, 'person'> => t !== 'person');

/** How a person links to an identifier. Three bits in the edge stamp: at most 8 relations. */
export const Relation = {
  /** Registered with: own phone, own bank card. */
  owns: 0,
  /** Used: a device, an IP or an IP /24 seen on the person's application or login. */
  uses: 1,
  livesAt: 2,
  worksAt: 3,
  /** Lists the phone as a contact. */
  contact: 4,
  /** Lists the phone as an emergency contact. */
  emergencyContact: 5,
} as const;
export type RelationName = keyof typeof Relation;
export const RELATION_NAMES = Object.keys(Relation) as RelationName[];

/** Label bits per node. A person or an identifier can be on a blacklist; default and fraud are persons' outcomes. */
export const Flag = {
  blacklisted: 1,
  defaulted: 2,
  fraud: 4,
  /** Known good: repaid a loan in full, or on a white list. Seeds the good-side propagation. */
  good: 8,
  /** An identifier above its type's cap (see super-node-rule.ts): kept, counted, but never traversed. */
  superNode: 16,
} as const;
export const BAD_FLAGS = Flag.blacklisted | Flag.defaulted | Flag.fraud;

export function nodeTypeCode(name: string): number {
  const code = (NodeType as Record<string, number>)[name];
  if (code === undefined) {
    throw new RiskError('GRAPH_ENTITY_TYPE_UNKNOWN', `unknown graph entity type "${name}"`, {
      entityType: name,
      known: NODE_TYPE_NAMES,
    });
  }
  return code;
}

export function nodeTypeName(code: number): NodeTypeName {
  return NODE_TYPE_NAMES[code];
}

export function relationName(code: number): RelationName {
  return RELATION_NAMES[code];
}
