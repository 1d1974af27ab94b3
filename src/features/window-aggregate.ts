// Reads one windowed feature from one key's stream state as of query time q (q is never before the key's newest
// event). Empty windows give 0 for count, sum and distinct_count and null (missing) for the aggregates that have no
// value over nothing: mean, min, max, first, last and time_since_*. A WindowMemo lets features that share a stream
// state and window (and a field) share the search for the window's start and the scan of its values.
import type { Aggregation } from './feature-spec.js';
import { CELL_HEAD, F_FIRST, F_LAST, F_MAX, F_MIN, F_N, F_SUM, FIELD_AGGS, cellStride, type StreamLayout } from './stream-layout.js';
import type { StreamState } from './stream-state.js';
import { windowLowerBound, type WindowSpecParsed } from './window-spec.js';
import { NumberList } from './scratch-list.js';

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

const RING = 1;
const LEVEL = 2;
const LIFE = 3;

/** The last window located (which state, where it starts) and the last field scanned over it. Valid within one read. */
export class WindowMemo {
  state: StreamState | null = null;
  source = 0;
  key = NaN;
  from = 0;
  to = 0;
  /** Events in the window (level windows; -1 until summed). */
  events = -1;
  slot = -1;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  first = NaN;
  last = NaN;
  cellHead = 0;
  cellCap = 1;

  clear(): void {
    this.state = null;
    this.slot = -1;
  }
}

const oneOff = new WindowMemo();

export function emptyValue(aggregation: WindowedAggregation): number | null {
  return aggregation === 'count' || aggregation === 'sum' || aggregation === 'distinct_count' ? 0 : null;
}

export function windowedValue(
  query: WindowQuery, layout: StreamLayout, state: StreamState | null, q: number, memo?: WindowMemo,
): number | null {
  if (state === null) return emptyValue(query.aggregation);
  if (query.aggregation === 'distinct_count') return distinctValue(query, layout, state, q);
  const m = memo ?? oneOff;
  if (!memo) oneOff.clear();
  const w = query.window;
  let source = RING;
  let key: number;
  if (w.kind === 'lifetime') {
    if (!state.life) return emptyValue(query.aggregation);
    source = LIFE;
    key = 0;
  } else if (w.kind === 'rows') {
    key = -w.rows;
  } else if (w.bucket > 0 && state.bucketed) {
    source = LEVEL;
    key = query.level * 1e9 + Math.floor((q - w.range) / w.bucket);
  } else {
    key = windowLowerBound(q, w.range, w.bucket);
  }
  if (m.state !== state || m.source !== source || m.key !== key) locate(m, layout, state, query, source, key, q);
  switch (query.aggregation) {
    case 'count':
      return source === RING ? m.to - m.from : cellEvents(m, layout, state, query);
    case 'time_since_first':
      return m.to === m.from ? null : (q - firstTime(m, layout, state, query)) / query.unitMs;
    case 'time_since_last':
      return m.to === m.from ? null : (q - lastTime(m, layout, state, query)) / query.unitMs;
    default:
      if (m.slot !== query.slot) scanField(m, layout, state, query);
      return finish(query.aggregation, m);
  }
}

function locate(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery, source: number, key: number, q: number): void {
  m.state = state;
  m.source = source;
  m.key = key;
  m.slot = -1;
  m.events = -1;
  if (source === LIFE) {
    m.from = 0;
    m.to = 1;
  } else if (source === LEVEL) {
    const level = state.levels![query.level];
    const stride = cellStride(layout);
    const cap = level.cells.length / stride;
    const minIndex = Math.floor((q - (query.window as { range: number }).range) / (query.window as { bucket: number }).bucket);
    let first = level.len;
    while (first > 0 && level.cells[((level.head + first - 1) % cap) * stride] >= minIndex) first--;
    m.from = first;
    m.to = level.len;
  } else if (key < 0 && query.window.kind === 'rows') {
    m.from = Math.max(0, state.len + key);
    m.to = state.len;
  } else {
    m.from = firstAtOrAfter(layout, state, key);
    m.to = state.len;
  }
}

/** Index (0 = oldest) of the first ring entry with time >= lower. */
export function firstAtOrAfter(layout: StreamLayout, state: StreamState, lower: number): number {
  const ring = state.ring;
  const stride = layout.ringStride;
  const cap = ring.length / stride;
  const head = state.head;
  let lo = 0;
  let hi = state.len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let slot = head + mid;
    if (slot >= cap) slot -= cap;
    if (ring[slot * stride] >= lower) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Points the memo at the cells of the located window (a level's, or the lifetime cell). */
function cellsOf(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery): number[] {
  if (m.source === LIFE) {
    m.cellHead = 0;
    m.cellCap = 1;
    return state.life!;
  }
  const level = state.levels![query.level];
  m.cellHead = level.head;
  m.cellCap = level.cells.length / cellStride(layout);
  return level.cells;
}

function cellEvents(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery): number {
  if (m.events < 0) {
    const cells = cellsOf(m, layout, state, query);
    const stride = cellStride(layout);
    let n = 0;
    for (let i = m.from; i < m.to; i++) n += cells[((m.cellHead + i) % m.cellCap) * stride + 1];
    m.events = n;
  }
  return m.events;
}

function firstTime(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery): number {
  if (m.source === RING) return state.ring[((state.head + m.from) % (state.ring.length / layout.ringStride)) * layout.ringStride];
  const cells = cellsOf(m, layout, state, query);
  return cells[((m.cellHead + m.from) % m.cellCap) * cellStride(layout) + 2];
}

function lastTime(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery): number {
  if (m.source === RING) return state.ring[((state.head + m.to - 1) % (state.ring.length / layout.ringStride)) * layout.ringStride];
  const cells = cellsOf(m, layout, state, query);
  return cells[((m.cellHead + m.to - 1) % m.cellCap) * cellStride(layout) + 3];
}

/** Count, sum, min, max, first and last of one numeric field over the located window, into the memo. */
function scanField(m: WindowMemo, layout: StreamLayout, state: StreamState, query: WindowQuery): void {
  let count = 0, sum = 0, min = Infinity, max = -Infinity, first = NaN, last = NaN;
  if (m.source === RING) {
    const ring = state.ring;
    const stride = layout.ringStride;
    const cap = ring.length / stride;
    let slot = (state.head + m.from) % cap;
    for (let i = m.from; i < m.to; i++) {
      const v = ring[slot * stride + 1 + query.slot];
      if (++slot === cap) slot = 0;
      if (v !== v) continue;
      if (count === 0) first = v;
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      last = v;
    }
  } else {
    const cells = cellsOf(m, layout, state, query);
    const stride = cellStride(layout);
    const head = m.cellHead;
    const cap = m.cellCap;
    for (let i = m.from; i < m.to; i++) {
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
  }
  m.slot = query.slot;
  m.count = count;
  m.sum = sum;
  m.min = min;
  m.max = max;
  m.first = first;
  m.last = last;
}

function finish(agg: WindowedAggregation, m: WindowMemo): number | null {
  switch (agg) {
    case 'sum':
      return m.sum;
    case 'mean':
      return m.count === 0 ? null : m.sum / m.count;
    case 'min':
      return m.count === 0 ? null : m.min;
    case 'max':
      return m.count === 0 ? null : m.max;
    case 'first':
      return m.count === 0 ? null : m.first;
    case 'last':
      return m.count === 0 ? null : m.last;
    default:
      throw new Error(`unreachable aggregation ${agg}`);
  }
}

const seenScratch = new NumberList();

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
  seen.clear();
  for (let i = from; i < state.len; i++) {
    const h = state.ring[state.offsetAt(layout, i) + col];
    if (h === h && !seen.includes(h)) seen.push(h);
  }
  return seen.n;
}
