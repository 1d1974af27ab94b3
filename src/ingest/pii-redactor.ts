// Applies the keyed hash to every PII field of a validated event, in place, and adds the hashed /24 network next to
// each IP field (`ip24`). After this, no raw identifier is left in the record.

import type { ArgusEvent, EventType } from './event-schemas.js';
import { IP_FIELDS, PII_FIELDS } from './pii-fields.js';
import { ipv4Prefix24, type KeyedHasher } from './keyed-hasher.js';

type Visitor = (holder: Record<string, unknown>, key: string) => void;

/** Compiles "contacts[].phone" into a walker that calls visit(holder, "phone") for every contact. */
function compilePath(path: string): (root: unknown, visit: Visitor) => void {
  const steps = path.split('.');
  return (root, visit) => {
    const walk = (node: unknown, i: number): void => {
      if (node === null || typeof node !== 'object') return;
      const step = steps[i];
      const isArray = step.endsWith('[]');
      const key = isArray ? step.slice(0, -2) : step;
      const holder = node as Record<string, unknown>;
      if (i === steps.length - 1 && !isArray) {
        if (typeof holder[key] === 'string') visit(holder, key);
        return;
      }
      const child = holder[key];
      if (isArray) {
        if (Array.isArray(child)) for (const item of child) walk(item, i + 1);
      } else {
        walk(child, i + 1);
      }
    };
    walk(root, 0);
  };
}

export class PiiRedactor {
  private readonly piiWalkers: Map<string, ((root: unknown, visit: Visitor) => void)[]>;
  private readonly ipWalkers: Map<string, ((root: unknown, visit: Visitor) => void)[]>;

  constructor(private readonly hasher: KeyedHasher) {
    this.piiWalkers = new Map(Object.entries(PII_FIELDS).map(([type, paths]) => [type, paths.map(compilePath)]));
    this.ipWalkers = new Map(Object.entries(IP_FIELDS).map(([type, paths]) => [type, paths.map(compilePath)]));
  }

  redact(event: ArgusEvent): ArgusEvent {
    const type: EventType = event.type;
    // The /24 must be derived before the address itself is hashed.
    for (const walk of this.ipWalkers.get(type) ?? []) {
      walk(event.data, (holder, key) => {
        const prefix = ipv4Prefix24(holder[key] as string);
        if (prefix !== undefined) holder[`${key}24`] = this.hasher.hash(prefix);
      });
    }
    for (const walk of this.piiWalkers.get(type) ?? []) {
      walk(event.data, (holder, key) => {
        holder[key] = this.hasher.hash(holder[key] as string);
      });
    }
    return event;
  }
}
