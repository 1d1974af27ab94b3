// 52-bit hashes of distinct-count values (stored exactly in a double). Two independent 32-bit FNV-1a passes with a
// murmur finaliser: collisions among a key's values are negligible (~n^2 / 2^53), and the bits are uniform enough to
// feed the HyperLogLog registers.

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  const hi = fmix32(b ^ text.length) & 0xfffff;
  const lo = fmix32(a);
  const h = hi * 4294967296 + lo;
  return h === 0 ? 1 : h;
}

/** Hash of a distinct-count value; undefined for values that are not strings, finite numbers or booleans. */
export function hashValue(value: unknown): number | undefined {
  if (typeof value === 'string') return hashString52(value);
  if (typeof value === 'number') return Number.isFinite(value) ? hashString52(`#${value}`) : undefined;
  if (typeof value === 'boolean') return hashString52(value ? '#true' : '#false');
  return undefined;
}
