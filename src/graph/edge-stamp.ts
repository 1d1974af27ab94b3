// The compact per-edge record: first-seen time, relation and count packed in one 32-bit word, plus a one-byte code for
// how long after first-seen the edge was last seen. Five bytes an edge is what keeps the store under 16 bytes/edge.
//
// stamp = firstTick (24 bits, 10-minute ticks since 2000-01-01Z: good to year 2319) << 8 | relation << 5 | count
// count saturates at 31 (it says "seen many times", not how many); spanCode is days after first-seen, exact up to
// 127 days and in whole weeks after that, saturating at 1023 days.

const EPOCH_MS = Date.UTC(2000, 0, 1);
export const TICK_MS = 10 * 60 * 1000;
const MAX_TICK = 0xffffff;
export const MAX_COUNT = 31;
export const DAY_MS = 86_400_000;

export function timeToTick(ms: number): number {
  const tick = Math.floor((ms - EPOCH_MS) / TICK_MS);
  return tick < 0 ? 0 : tick > MAX_TICK ? MAX_TICK : tick;
}

export function tickToTime(tick: number): number {
  return EPOCH_MS + tick * TICK_MS;
}

export function packStamp(firstTick: number, relation: number, count: number): number {
  return ((firstTick << 8) | (relation << 5) | (count > MAX_COUNT ? MAX_COUNT : count)) >>> 0;
}

export function stampTick(stamp: number): number {
  return stamp >>> 8;
}

export function stampRelation(stamp: number): number {
  return (stamp >>> 5) & 7;
}

export function stampCount(stamp: number): number {
  return stamp & 31;
}

/** Adds one sighting: count goes up (saturating), first-seen moves earlier if this one is earlier. */
export function bumpStamp(stamp: number, tick: number): number {
  const count = stampCount(stamp);
  const first = Math.min(stampTick(stamp), tick);
  return packStamp(first, stampRelation(stamp), count + 1);
}

export function encodeSpan(days: number): number {
  if (days <= 0) return 0;
  if (days <= 127) return days;
  const code = 127 + Math.ceil((days - 127) / 7);
  return code > 255 ? 255 : code;
}

/** Lower bound (exact up to 127 days) of the days between first and last sighting. */
export function decodeSpan(code: number): number {
  return code <= 127 ? code : 127 + (code - 127) * 7;
}

export function spanDays(firstMs: number, lastMs: number): number {
  return Math.max(0, Math.floor((lastMs - firstMs) / DAY_MS));
}
