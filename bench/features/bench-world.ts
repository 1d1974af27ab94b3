// Benchmark support: a simulated lending world as the engine sees it (PII fields replaced by "h:..." keys, /24
// networks added). A fast non-cryptographic stand-in replaces the keyed HMAC: it keeps every key's identity and
// cardinality, which is all the feature engine sees, and keeps set-up from dominating the run.
import { generateWorld } from '../../src/simulate/index.js';
import { PiiRedactor, normalizeIdentifier, type ArgusEvent, type KeyedHasher } from '../../src/ingest/index.js';
import type { StoredEvent } from '../../src/store/index.js';
import { hashString52 } from '../../src/features/value-hash.js';

const fastHasher = {
  hash(raw: string): string {
    if (raw.startsWith('h:')) return raw;
    const n = normalizeIdentifier(raw);
    return `h:${hashString52(n).toString(36)}${hashString52(`${n}#`).toString(36)}`;
  },
} as unknown as KeyedHasher;

export function redactor(): PiiRedactor {
  return new PiiRedactor(fastHasher);
}

/** The world's events, hashed, in log order (as stored events of tenant "bench"). */
export function* worldEvents(applicants: number, seed: number): Generator<StoredEvent> {
  const red = redactor();
  let offset = 0;
  for (const item of generateWorld({ applicants, seed })) {
    if (item.kind !== 'event') continue;
    const event = red.redact(item.event);
    yield { offset: ++offset, tenant: 'bench', time: Date.parse(event.time), event };
  }
}

/** The world's raw events (for the HTTP path, which hashes them itself). */
export function rawEvents(applicants: number, seed: number): ArgusEvent[] {
  const out: ArgusEvent[] = [];
  for (const item of generateWorld({ applicants, seed })) if (item.kind === 'event') out.push(item.event);
  return out;
}
