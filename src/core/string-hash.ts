// Non-cryptographic 32-bit string hashing shared by the engines: FNV-1a steps over UTF-16 code units, and murmur3's
// finaliser, which spreads nearby inputs over all the bits. (Keyed hashing of personal data is src/ingest's, not this.)

/** FNV-1a's 32-bit offset basis: the state before any text. */
export const FNV_OFFSET = 0x811c9dc5;

/** The FNV-1a state `h` after `text`; chaining calls hashes the concatenation without building it. */
export function fnv1a(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** murmur3's fmix32, as an unsigned 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
