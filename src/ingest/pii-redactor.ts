// Applies the keyed hash to every PII field of a validated event, in place, and adds the hashed /24 network next to
// each IP field (`ip24`). After this, no raw identifier is left in the record.

import type { ArgusEvent, EventType } from './event-schemas.js';
import { IP_FIELDS, PII_FIELDS } from './pii-fields.js';
import { ipv4Prefix24, type KeyedHasher } from './keyed-hasher.js';

type Visitor = (holder: Record<string, unknown>, key: string) => void;
type Walker = (node: unknown, visit: Visitor) => void;

/**
 * Compiles "contacts[].phone" into a walker that calls visit(holder, "phone") for every contact. Each step is its own
 * small closure chained to the next (no step table read, no recursion on an index, no iterator per array): redaction
 * runs on every ingested event and every decide, ~23 fields an application.
 */
function compilePath(path: string): Walker {
  const steps = path.split('.').map((step) => (step.endsWith('[]') ? { key: step.slice(0, -2), isArray: true } : { key: step, isArray: false }));
  if (steps[steps.length - 1].isArray) throw new Error(`PII path "${path}" must end at a field, not an array`);
  let walk: Walker | null = null;
  for (let i = steps.length - 1; i >= 0; i--) walk = stepWalker(steps[i].key, steps[i].isArray, walk);
  return walk!;
}

/** One step: a string field to visit (last), an object field to descend into, or every element of an array field. */
function stepWalker(key: string, isArray: boolean, next: Walker | null): Walker {
  if (next === null) {
    return (node, visit) => {
      if (node !== null && typeof node === 'object' && typeof (node as Record<string, unknown>)[key] === 'string') visit(node as Record<string, unknown>, key);
    };
  }
  if (isArray) {
    return (node, visit) => {
      if (node === null || typeof node !== 'object') return;
      const child = (node as Record<string, unknown>)[key];
      if (!Array.isArray(child)) return;
      for (let i = 0; i < child.length; i++) next(child[i], visit);
    };
  }
  return (node, visit) => {
    if (node !== null && typeof node === 'object') next((node as Record<string, unknown>)[key], visit);
  };
}

export class PiiRedactor {
  private readonly piiWalkers: Map<string, Walker[]>;
  private readonly ipWalkers: Map<string, Walker[]>;
  // Made once: redact runs on every ingested event and every decide, so it allocates no closures of its own.
  private readonly hashField: Visitor;
  private readonly addPrefix24: Visitor;

  constructor(private readonly hasher: KeyedHasher) {
    this.piiWalkers = new Map(Object.entries(PII_FIELDS).map(([type, paths]) => [type, paths.map(compilePath)]));
    this.ipWalkers = new Map(Object.entries(IP_FIELDS).map(([type, paths]) => [type, paths.map(compilePath)]));
    this.hashField = (holder, key) => {
      holder[key] = hasher.hash(holder[key] as string);
    };
    this.addPrefix24 = (holder, key) => {
      const prefix = ipv4Prefix24(holder[key] as string);
      if (prefix !== undefined) holder[`${key}24`] = hasher.hash(prefix);
    };
  }

  /** Whether events of this type carry anything to hash; if not, a validated record is stored as it came. */
  hasPii(type: EventType): boolean {
    return (this.piiWalkers.get(type)?.length ?? 0) > 0 || (this.ipWalkers.get(type)?.length ?? 0) > 0;
  }

  redact(event: ArgusEvent): ArgusEvent {
    const type: EventType = event.type;
    // The /24 must be derived before the address itself is hashed.
    const ips = this.ipWalkers.get(type);
    if (ips) for (let i = 0; i < ips.length; i++) ips[i](event.data, this.addPrefix24);
    const pii = this.piiWalkers.get(type);
    if (pii) for (let i = 0; i < pii.length; i++) pii[i](event.data, this.hashField);
    return event;
  }
}
