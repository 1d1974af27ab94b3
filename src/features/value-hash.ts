// 52-bit hashes of distinct-count values (stored exactly in a double). Two independent 32-bit FNV-1a passes with a
// murmur finaliser: collisions among a key's values are negligible (~n^2 / 2^53), and the bits are uniform enough to
// feed the HyperLogLog registers.

import { FNV_OFFSET, fmix32 } from '../core/index.js';

export function hashString52(text: string): number {
  // Two FNV-1a states in one pass (core's fnv1a would read the text twice).
  let a = FNV_OFFSET;
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
