// One key's state for one stream: a ring of recent raw events (exact windows, rows windows, and every window while
// the key is sparse), bucket levels for long windows once the key is busy, distinct-value trackers and lifetime
// totals. Events arrive with non-decreasing effective times (see set-runtime.ts), so every structure is append-only.
import {
  CELL_HEAD, EXACT_MODE_EVENTS, F_FIRST, F_LAST, F_MAX, F_MIN, F_N, F_SUM, FIELD_AGGS, cellStride,
  type StreamLayout,
} from './stream-layout.js';
import { DistinctTracker } from './distinct-tracker.js';

export class BucketLevel {
  constructor(public cells: Float64Array, public head = 0, public len = 0) {}
}

export class StreamState {
  ring: Float64Array;
  head = 0;
  len = 0;
  /** Long windows are answered from levels (true) or from the ring (false: the key is still sparse). */
  bucketed = false;
  levels: BucketLevel[] | null = null;
  distinct: (DistinctTracker | null)[] | null = null;
  life: Float64Array | null = null;

  constructor(ring: Float64Array) {
    this.ring = ring;
  }

  static create(layout: StreamLayout): StreamState {
    return new StreamState(new Float64Array(2 * layout.ringStride));
  }

  /** Time of the i-th oldest ring entry. */
  timeAt(layout: StreamLayout, i: number): number {
    const cap = this.ring.length / layout.ringStride;
    return this.ring[((this.head + i) % cap) * layout.ringStride];
  }

  /** Offset in `ring` of the i-th oldest entry. */
  offsetAt(layout: StreamLayout, i: number): number {
    const cap = this.ring.length / layout.ringStride;
    return ((this.head + i) % cap) * layout.ringStride;
  }

  /**
   * Applies one event at effective time t. `values` holds the numeric slots (NaN = absent) and then the ring's
   * distinct hashes; `distinctHashes[d]` every hash of distinct field d.
   */
  apply(layout: StreamLayout, t: number, values: Float64Array, distinctHashes: readonly (readonly number[])[]): void {
    this.pushRing(layout, t, values);
    if (this.bucketed) this.addToLevels(layout, t, values);
    if (layout.lifetime) this.addToLife(layout, t, values);
    for (let d = 0; d < layout.distinct.length; d++) {
      const reach = layout.distinct[d].reach;
      const hashes = distinctHashes[d];
      if (reach === 0 || hashes.length === 0) continue;
      this.distinct ??= new Array(layout.distinct.length).fill(null);
      const tracker = (this.distinct[d] ??= new DistinctTracker());
      for (const h of hashes) tracker.add(h, t, t - reach);
    }
    this.pruneRing(layout, t);
    if (!this.bucketed && layout.levels.length > 0 && this.len > EXACT_MODE_EVENTS) this.becomeBucketed(layout, t);
  }

  private pushRing(layout: StreamLayout, t: number, values: Float64Array): void {
    const stride = layout.ringStride;
    let cap = this.ring.length / stride;
    if (this.len === cap) {
      if (cap < layout.maxEvents) {
        const grown = new Float64Array(Math.min(cap * 2, layout.maxEvents) * stride);
        for (let i = 0; i < this.len; i++) grown.set(this.ring.subarray(this.offsetAt(layout, i), this.offsetAt(layout, i) + stride), i * stride);
        this.ring = grown;
        this.head = 0;
        cap = grown.length / stride;
      } else {
        // Full at maxEventsPerKey: the oldest event leaves (OpenMLDB's MAXSIZE).
        this.head = (this.head + 1) % cap;
        this.len--;
      }
    }
    const at = ((this.head + this.len) % cap) * stride;
    this.ring[at] = t;
    for (let k = 1; k < stride; k++) this.ring[at + k] = values[k - 1];
    this.len++;
  }

  private pruneRing(layout: StreamLayout, t: number): void {
    const reach = this.bucketed || layout.levels.length === 0 ? layout.exactReach : layout.fullReach;
    const cutoff = t - reach;
    const cap = this.ring.length / layout.ringStride;
    while (this.len > layout.maxRows && this.ring[this.head * layout.ringStride] < cutoff) {
      this.head = (this.head + 1) % cap;
      this.len--;
    }
  }

  private becomeBucketed(layout: StreamLayout, t: number): void {
    this.bucketed = true;
    const stride = cellStride(layout);
    this.levels = layout.levels.map(() => new BucketLevel(new Float64Array(4 * stride)));
    const values = new Float64Array(layout.ringStride - 1);
    for (let i = 0; i < this.len; i++) {
      const at = this.offsetAt(layout, i);
      for (let k = 0; k < values.length; k++) values[k] = this.ring[at + 1 + k];
      this.addToLevels(layout, this.ring[at], values);
    }
    this.pruneRing(layout, t);
  }

  private addToLevels(layout: StreamLayout, t: number, values: Float64Array): void {
    const stride = cellStride(layout);
    const levels = this.levels!;
    for (let l = 0; l < levels.length; l++) {
      const { bucket, range } = layout.levels[l];
      const level = levels[l];
      const index = Math.floor(t / bucket);
      let cap = level.cells.length / stride;
      // Cells no window can reach any more (queries happen at or after t).
      const minIndex = Math.floor((t - range) / bucket);
      while (level.len > 0 && level.cells[level.head * stride] < minIndex) {
        level.head = (level.head + 1) % cap;
        level.len--;
      }
      let at = level.len > 0 ? ((level.head + level.len - 1) % cap) * stride : -1;
      if (at < 0 || level.cells[at] !== index) {
        if (level.len === cap) {
          const grown = new Float64Array(cap * 2 * stride);
          for (let i = 0; i < level.len; i++) {
            const from = ((level.head + i) % cap) * stride;
            grown.set(level.cells.subarray(from, from + stride), i * stride);
          }
          level.cells = grown;
          level.head = 0;
          cap *= 2;
        }
        at = ((level.head + level.len) % cap) * stride;
        initCell(level.cells, at, layout.numFields, index, t);
        level.len++;
      }
      addToCell(level.cells, at, layout.numFields, t, values);
    }
  }

  private addToLife(layout: StreamLayout, t: number, values: Float64Array): void {
    if (!this.life) {
      this.life = new Float64Array(cellStride(layout));
      initCell(this.life, 0, layout.numFields, 0, t);
    }
    addToCell(this.life, 0, layout.numFields, t, values);
  }
}

export function initCell(cells: Float64Array, at: number, numFields: number, index: number, t: number): void {
  cells[at] = index;
  cells[at + 1] = 0;
  cells[at + 2] = t;
  cells[at + 3] = t;
  for (let f = 0; f < numFields; f++) {
    const o = at + CELL_HEAD + f * FIELD_AGGS;
    cells[o + F_N] = 0;
    cells[o + F_SUM] = 0;
    cells[o + F_MIN] = Infinity;
    cells[o + F_MAX] = -Infinity;
    cells[o + F_FIRST] = NaN;
    cells[o + F_LAST] = NaN;
  }
}

function addToCell(cells: Float64Array, at: number, numFields: number, t: number, values: Float64Array): void {
  cells[at + 1] += 1;
  cells[at + 3] = t;
  for (let f = 0; f < numFields; f++) {
    const v = values[f];
    if (v !== v) continue;
    const o = at + CELL_HEAD + f * FIELD_AGGS;
    if (cells[o + F_N] === 0) cells[o + F_FIRST] = v;
    cells[o + F_N] += 1;
    cells[o + F_SUM] += v;
    if (v < cells[o + F_MIN]) cells[o + F_MIN] = v;
    if (v > cells[o + F_MAX]) cells[o + F_MAX] = v;
    cells[o + F_LAST] = v;
  }
}
