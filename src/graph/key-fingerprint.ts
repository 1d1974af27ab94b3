// Turns a node key into a 64-bit fingerprint (two uint32 words) so the node table stores 8 bytes a node, not a string.
// Keyed hashes from ingest ("h:" + 22 base64url chars = 128 bits) are already uniform: their first 64 bits are used
// as they are. Any other key (employer names, test keys) is hashed with two independent 32-bit mixes.
// With 64 bits, 10 M nodes collide with probability about 3e-6: accepted, and documented in docs/graph.md.

export interface Fingerprint {
  hi: number;
  lo: number;
}

const HASH_PREFIX = 'h:'; // ingest's keyed-hash prefix (see ingest/keyed-hasher.ts)
const HASHED_KEY = /^h:[A-Za-z0-9_-]{22}$/;

export function isHashedKey(key: string): boolean {
  return HASHED_KEY.test(key);
}

/** Writes the fingerprint of `key` into `out` (reused to avoid an allocation per lookup). */
export function fingerprintKey(key: string, out: Fingerprint): Fingerprint {
  if (key.length === 24 && isHashedKey(key)) {
    const bytes = Buffer.from(key.slice(2, 13), 'base64url');
    out.hi = bytes.readUInt32BE(0);
    out.lo = bytes.readUInt32BE(4);
    return out;
  }
  out.hi = mixString(key, 0x9e3779b1);
  out.lo = mixString(key, 0x85ebca77);
  return out;
}

/** "h:" + the first 8 characters of the hash: enough to tell nodes apart on screen, never the whole value. */
export function maskedHashedKey(hi: number, lo: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE(hi >>> 0, 0);
  bytes.writeUInt32BE(lo >>> 0, 4);
  return `${HASH_PREFIX}${bytes.toString('base64url').slice(0, 8)}…`;
}

function mixString(text: string, seed: number): number {
  let h = seed ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
