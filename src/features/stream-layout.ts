// The compiled shape of one stream's per-key state (a stream = one entity, a set of event types and a filter shared
// by several features): which values each event leaves in the ring, how long the ring and each bucket level keep
// them, and the cell layout of bucket aggregates. Derived once from the spec; state code only follows it.

export interface LevelLayout {
  /** Bucket width (ms). */
  readonly bucket: number;
  /** Longest window range served by this level (ms). */
  readonly range: number;
}

export interface DistinctLayout {
  /** Ring column (index in an entry, time is column 0) holding a single-valued field's hash; -1 for multi-valued. */
  readonly ringColumn: number;
  /** How far back time windows need the field's values (ms; 0 when only rows windows read it). */
  readonly reach: number;
}

export interface StreamLayout {
  /** Numeric value slots per event. */
  readonly numFields: number;
  /** Ring entry: [time, numeric values..., hashes of single-valued distinct fields...]. */
  readonly ringStride: number;
  /** Ring retention once the stream is bucketed (longest exact window). */
  readonly exactReach: number;
  /** Ring retention while every window is answered from the ring (longest reach of any time window). */
  readonly fullReach: number;
  /** Events the ring always keeps for rows windows. */
  readonly maxRows: number;
  readonly levels: readonly LevelLayout[];
  readonly distinct: readonly DistinctLayout[];
  /**
   * Whether a busy key moves to bucket levels and distinct trackers. Until then (at most EXACT_MODE_EVENTS events
   * in reach) every window, distinct counts of single-valued fields included, is answered from the ring.
   */
  readonly bucketable: boolean;
  readonly lifetime: boolean;
  /** Most events the ring holds (the set's maxEventsPerKey). */
  readonly maxEvents: number;
}

/** Cell = [bucket index, count, first time, last time] then per numeric field [n, sum, min, max, first, last]. */
export const CELL_HEAD = 4;
export const FIELD_AGGS = 6;
export const F_N = 0;
export const F_SUM = 1;
export const F_MIN = 2;
export const F_MAX = 3;
export const F_FIRST = 4;
export const F_LAST = 5;

export function cellStride(layout: StreamLayout): number {
  return CELL_HEAD + FIELD_AGGS * layout.numFields;
}

/** A sparse key keeps raw events for every window until it has more than this many; then it is bucketed. */
export const EXACT_MODE_EVENTS = 32;
