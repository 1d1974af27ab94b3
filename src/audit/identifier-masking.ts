// Masks identifiers in an audit record: every keyed hash ("h:...") becomes a token local to the record ("h:~1",
// "h:~2", ...). Equal identifiers get equal tokens, so rules that compare identifiers (applicant phone == a contact's
// phone) and recorded list hits replay identically, yet the record links to no one outside itself.
import { HASH_PREFIX } from '../ingest/index.js';

export const MASK_PREFIX = `${HASH_PREFIX}~`;

export class IdentifierMasker {
  private readonly tokens = new Map<string, string>();

  /** A deep copy of `value` with every hashed identifier replaced by its token (also inside "type|h:..." keys). */
  mask<T>(value: T): T {
    return this.walk(value) as T;
  }

  private token(hash: string): string {
    if (hash.startsWith(MASK_PREFIX)) return hash;
    let t = this.tokens.get(hash);
    if (t === undefined) {
      t = `${MASK_PREFIX}${this.tokens.size + 1}`;
      this.tokens.set(hash, t);
    }
    return t;
  }

  private text(s: string): string {
    if (s.startsWith(HASH_PREFIX)) return this.token(s);
    const bar = s.indexOf(`|${HASH_PREFIX}`);
    return bar >= 0 ? `${s.slice(0, bar + 1)}${this.token(s.slice(bar + 1))}` : s;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.text(k)] = this.walk(v);
      return out;
    }
    return value;
  }
}
