// Replaces personal identifiers with a keyed hash (HMAC-SHA-256, truncated to 128 bits, base64url, prefixed "h:").
// A plain hash of a phone number is reversible by enumerating all phone numbers; a keyed one is not without the key.
// The same raw value always hashes the same under one key, so engines can still join on it.

import { RiskError } from '../core/index.js';
import { HmacSha256 } from './hmac-sha256.js';

export const HASH_PREFIX = 'h:';
/** A keyed hash: the prefix, then 16 bytes in base64url. */
const HASHED = /^h:[A-Za-z0-9_-]{22}$/;
const HASHED_LENGTH = 24;
const CACHE_LIMIT = 200_000;

export class KeyedHasher {
  private readonly key: Buffer;
  private readonly mac: HmacSha256;
  // Raw values repeat (shared devices, contacts); the cache lives only in memory, never on disk.
  private cache = new Map<string, string>();

  constructor(secret: string | Buffer) {
    const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (key.length < 16) {
      throw new RiskError('INGEST_SECRET_WEAK', 'the PII hashing secret must be at least 16 bytes', { length: key.length });
    }
    this.key = key;
    this.mac = new HmacSha256(key);
  }

  /** A copy of the key, to build the same hasher in a worker thread of this process. Never log or store it. */
  keyForWorker(): Buffer {
    return Buffer.from(this.key);
  }

  /**
   * Hashes a raw identifier; a value that is already a keyed hash ("h:" and 22 base64url characters) is passed through
   * unchanged. Anything else is hashed, "h:"-prefixed or not: `h:13800009999` is a phone number with a prefix.
   */
  hash(raw: string): string {
    if (raw.length === HASHED_LENGTH && raw.startsWith(HASH_PREFIX) && HASHED.test(raw)) return raw;
    // Keyed by the raw value: a hit skips normalizing (NFKC, regex), which costs more than the lookup.
    const cached = this.cache.get(raw);
    if (cached !== undefined) return cached;
    const hashed = HASH_PREFIX + this.mac.digest16Base64url(isPrintableAscii(raw) ? raw.toLowerCase() : normalizeIdentifier(raw));
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(raw, hashed);
    return hashed;
  }
}

/** Case, surrounding space and runs of inner space do not make a different person. */
export function normalizeIdentifier(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Printable ASCII without spaces, which NFKC and the space rules leave as it is (phones, ids, cards, devices). */
function isPrintableAscii(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

const DOTTED_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** "203.0.113.57" -> "203.0.113.0/24"; undefined for anything that is not dotted IPv4. */
export function ipv4Prefix24(ip: string): string | undefined {
  const m = DOTTED_IPV4.exec(ip.trim());
  if (!m) return undefined;
  // Compared one by one: every ingested application has an IP, and an array and a closure per call showed up.
  if (Number(m[1]) > 255 || Number(m[2]) > 255 || Number(m[3]) > 255 || Number(m[4]) > 255) return undefined;
  return `${m[1]}.${m[2]}.${m[3]}.0/24`;
}
