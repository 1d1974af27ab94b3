// Windows: a sliding time range (exact up to 1 day, bucket-aligned beyond), the last N events, or the key's lifetime.
// The lower bound of a time window as of query time q is the one rule every part of the engine (online state,
// backfill, the Redis store and the test oracle) shares, so they agree to the event.
import { DAY_MS, MINUTE_MS, HOUR_MS } from '../core/index.js';
import { parseDuration } from './duration.js';

export type WindowSpecParsed =
  | { readonly kind: 'time'; readonly range: number; readonly bucket: number }
  | { readonly kind: 'rows'; readonly rows: number }
  | { readonly kind: 'lifetime' };

export const MIN_RANGE_MS = MINUTE_MS;
export const MAX_RANGE_MS = 180 * DAY_MS;
export const MAX_ROWS = 1000;
/** Time windows up to this long are exact; longer ones are counted in aligned buckets. */
export const EXACT_RANGE_LIMIT_MS = DAY_MS;
/** A long window spans at least this many buckets (so its extra reach, one bucket, is under 1/32 of its range). */
export const BUCKETS_PER_WINDOW = 64;

const BUCKET_LADDER: readonly number[] = [
  MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS,
  12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 4 * DAY_MS, 7 * DAY_MS,
];

/** Bucket width of a time window: 0 (exact) up to 1 day, else the smallest ladder step >= range/64. */
export function bucketWidthFor(range: number): number {
  if (range <= EXACT_RANGE_LIMIT_MS) return 0;
  const target = range / BUCKETS_PER_WINDOW;
  for (const step of BUCKET_LADDER) if (step >= target) return step;
  return BUCKET_LADDER[BUCKET_LADDER.length - 1];
}

/** Parses "1h" | "rows:10" | "lifetime"; a string problem message when it is not a valid window. */
export function parseWindow(text: string): WindowSpecParsed | string {
  if (text === 'lifetime') return { kind: 'lifetime' };
  if (text.startsWith('rows:')) {
    const n = Number(text.slice(5));
    if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) return `a rows window holds 1 to ${MAX_ROWS} events ("rows:10")`;
    return { kind: 'rows', rows: n };
  }
  const range = parseDuration(text);
  if (range === undefined) return `"${text}" is not a window: use a duration ("1h", "30d"), "rows:N" or "lifetime"`;
  if (range < MIN_RANGE_MS || range > MAX_RANGE_MS) return 'a time window spans 1 minute to 180 days';
  return { kind: 'time', range, bucket: bucketWidthFor(range) };
}

/**
 * The earliest event time inside a time window as of q (inclusive; the window ends at q, inclusive).
 * Exact windows: q - range. Bucketed windows: the start of the bucket holding q - range, so the window reaches back
 * at most one bucket further than `range` and never less.
 */
export function windowLowerBound(q: number, range: number, bucket: number): number {
  if (bucket === 0) return q - range;
  return Math.floor((q - range) / bucket) * bucket;
}

/** How far back from the newest event a window may ever need data. */
export function windowReach(range: number, bucket: number): number {
  return range + bucket;
}
