// Reads one windowed feature from one key's stream state as of query time q (q is never before the key's newest
// event). Empty windows give 0 for count, sum and distinct_count and null (missing) for the aggregates that have no
// value over nothing: mean, min, max, first, last and time_since_*.
import type { Aggregation } from './feature-spec.js';
import { CELL_HEAD, F_FIRST, F_LAST, F_MAX, F_MIN, F_N, F_SUM, FIELD_AGGS, cellStride, type StreamLayout } from './stream-layout.js';
import type { StreamState } from './stream-state.js';
import { windowLowerBound, type WindowSpecParsed } from './window-spec.js';

export type WindowedAggregation = Exclude<Aggregation, 'ratio'>;

export interface WindowQuery {
  readonly aggregation: WindowedAggregation;
  /** Numeric slot (sum..last), distinct index (distinct_count), or -1. */
  readonly slot: number;
  readonly window: WindowSpecParsed;
  /** Bucket level answering this window once the key is bucketed, or -1. */
  readonly level: number;
  /** ms per unit of time_since_* results. */
  readonly unitMs: number;
}

export function emptyValue(aggregation: WindowedAggregation): number | null {
  return aggregation === 'count' || aggregation === 'sum' || aggregation === 'distinct_count' ? 0 : null;
}

export function windowedValue(query: WindowQuery, layout: StreamLayout, state: StreamState | null, q: number): number | null {
  if (state === null) return emptyValue(query.aggregation);
  const w = query.window;
  if (query.aggregation === 'distinct_count') return distinctValue(query, layout, state, q);
  if (w.kind === 'lifetime') return state.life ? fromCells(query, state.life, 0, 1, cellStride(layout), q) : emptyValue(query.aggregation);
  if (w.kind === 'rows') return fromRing(query, layout, state, Math.max(0, state.len - w.rows), q);
  const lower = windowLowerBound(q, w.range, w.bucket);
  if (w.bucket > 0 && state.bucketed) {
    const level = state.levels![query.level];
    const stride = cellStride(layout);
    const cap = level.cells.length / stride;
    const minIndex = Math.floor((q - w.range) / w.bucket);
    let first = level.len;
    while (first > 0 && level.cells[((level.head + first - 1) % cap) * stride] >= minIndex) first--;
    return fromLevel(query, level.cells, level.head, cap, first, level.len, stride, q);
  }
  return fromRing(query, layout, state, firstAtOrAfter(layout, state, lower), q);
}

/** Index (0 = oldest) of the first ring entry with time >= lower. */
function firstAtOrAfter(layout: StreamLayout, state: StreamState, lower: number): number {
  let lo = 0;
  let hi = state.len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (state.timeAt(layout, mid) >= lower) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function fromRing(query: WindowQuery, layout: StreamLayout, state: StreamState, from: number, q: number): number | null {
  const n = state.len - from;
  switch (query.aggregation) {
    case 'count':
      return n;
    case 'time_since_first':
      return n === 0 ? null : (q - state.timeAt(layout, from)) / query.unitMs;
    case 'time_since_last':
      return n === 0 ? null : (q - state.timeAt(layout, state.len - 1)) / query.unitMs;
    default:
      break;
  }
  const col = 1 + query.slot;
  const ring = state.ring;
  let count = 0, sum = 0, min = Infinity, max = -Infinity, first = NaN, last = NaN;
  for (let i = from; i < state.len; i++) {
    const v = ring[state.offsetAt(layout, i) + col];
    if (v !== v) continue;
    if (count === 0) first = v;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  return finish(query.aggregation, count, sum, min, max, first, last);
}

function fromLevel(
  query: WindowQuery, cells: number[], head: number, cap: number, from: number, to: number, stride: number, q: number,
): number | null {
  if (query.aggregation === 'count') {
    let n = 0;
    for (let i = from; i < to; i++) n += cells[((head + i) % cap) * stride + 1];
    return n;
  }
  if (query.aggregation === 'time_since_first') return from === to ? null : (q - cells[((head + from) % cap) * stride + 2]) / query.unitMs;
  if (query.aggregation === 'time_since_last') return from === to ? null : (q - cells[((head + to - 1) % cap) * stride + 3]) / query.unitMs;
  let count = 0, sum = 0, min = Infinity, max = -Infinity, first = NaN, last = NaN;
  for (let i = from; i < to; i++) {
    const o = ((head + i) % cap) * stride + CELL_HEAD + query.slot * FIELD_AGGS;
    const n = cells[o + F_N];
    if (n === 0) continue;
    if (count === 0) first = cells[o + F_FIRST];
    count += n;
    sum += cells[o + F_SUM];
    if (cells[o + F_MIN] < min) min = cells[o + F_MIN];
    if (cells[o + F_MAX] > max) max = cells[o + F_MAX];
    last = cells[o + F_LAST];
  }
  return finish(query.aggregation, count, sum, min, max, first, last);
}

function fromCells(query: WindowQuery, cells: number[], from: number, to: number, stride: number, q: number): number | null {
  return fromLevel(query, cells, 0, to, from, to, stride, q);
}

function finish(agg: WindowedAggregation, count: number, sum: number, min: number, max: number, first: number, last: number): number | null {
  switch (agg) {
    case 'sum':
      return sum;
    case 'mean':
      return count === 0 ? null : sum / count;
    case 'min':
      return count === 0 ? null : min;
    case 'max':
      return count === 0 ? null : max;
    case 'first':
      return count === 0 ? null : first;
    case 'last':
      return count === 0 ? null : last;
    default:
      throw new Error(`unreachable aggregation ${agg}`);
  }
}

const seenScratch: number[] = [];

function distinctValue(query: WindowQuery, layout: StreamLayout, state: StreamState, q: number): number {
  const w = query.window;
  const { ringColumn } = layout.distinct[query.slot];
  if (w.kind === 'rows') return distinctInRing(layout, state, Math.max(0, state.len - w.rows), ringColumn);
  if (w.kind !== 'time') return 0;
  const lower = windowLowerBound(q, w.range, w.bucket);
  if (ringColumn >= 0 && !state.bucketed) return distinctInRing(layout, state, firstAtOrAfter(layout, state, lower), ringColumn);
  const tracker = state.distinct?.[query.slot];
  return tracker ? tracker.count(lower) : 0;
}

function distinctInRing(layout: StreamLayout, state: StreamState, from: number, col: number): number {
  if (state.len - from > 64) {
    const seen = new Set<number>();
    for (let i = from; i < state.len; i++) {
      const h = state.ring[state.offsetAt(layout, i) + col];
      if (h === h) seen.add(h);
    }
    return seen.size;
  }
  const seen = seenScratch;
  seen.length = 0;
  for (let i = from; i < state.len; i++) {
    const h = state.ring[state.offsetAt(layout, i) + col];
    if (h === h && !seen.includes(h)) seen.push(h);
  }
  return seen.length;
}
