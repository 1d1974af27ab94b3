// Applies the keyed hash to every PII field of a validated event, in place, and adds the hashed /24 network next to
// each IP field (`ip24`). After this, no raw identifier is left in the record.

import type { ArgusEvent, EventType } from './event-schemas.js';
import { IP_FIELDS, PII_FIELDS } from './pii-fields.js';
import { ipv4Prefix24, type KeyedHasher } from './keyed-hasher.js';

type Visitor = (holder: Record<string, unknown>, key: string) => void;

/** Compiles "contacts[].phone" into a walker that calls visit(holder, "phone") for every contact. */
function compilePath(path: string): (root: unknown, visit: Visitor) => void {
  const steps = path.split('.').map((step) => (step.endsWith('[]') ? { key: step.slice(0, -2), isArray: true } : { key: step, isArray: false }));
  const walk = (node: unknown, i: number, visit: Visitor): void => {
    if (node === null || typeof node !== 'object') return;
    const { key, isArray } = steps[i];
    const holder = node as Record<string, unknown>;
    if (i === steps.length - 1 && !isArray) {
      if (typeof holder[key] === 'string') visit(holder, key);
      return;
    }
    const child = holder[key];
    if (isArray) {
      if (Array.isArray(child)) for (const item of child) walk(item, i + 1, visit);
    } else {
      walk(child, i + 1, visit);
    }
  };
  return (root, visit) => walk(root, 0, visit);
}

export class PiiRedactor {
  private readonly piiWalkers: Map<string, ((root: unknown, visit: Visitor) => void)[]>;
  private readonly ipWalkers: Map<string, ((root: unknown, visit: Visitor) => void)[]>;
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
    if (ips) for (const walk of ips) walk(event.data, this.addPrefix24);
    const pii = this.piiWalkers.get(type);
    if (pii) for (const walk of pii) walk(event.data, this.hashField);
    return event;
  }
}
