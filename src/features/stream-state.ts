// One key's state for one stream: a ring of recent raw events (exact windows, rows windows, and every window while
// the key is sparse), and once the key is busy, bucket levels for long windows and distinct-value trackers; plus
// lifetime totals. Events arrive with non-decreasing effective times (see set-runtime.ts), so all is append-only.
// Plain number arrays, not typed arrays: most keys are tiny, and small typed arrays cost more memory than data.
import {
  CELL_HEAD, EXACT_MODE_EVENTS, F_FIRST, F_LAST, F_MAX, F_MIN, F_N, F_SUM, FIELD_AGGS, cellStride,
  type StreamLayout,
} from './stream-layout.js';
import { DistinctTracker } from './distinct-tracker.js';
import type { NumberList } from './scratch-list.js';

export class BucketLevel {
  constructor(public cells: number[], public head = 0, public len = 0) {}
}

export class StreamState {
  head = 0;
  len = 0;
  /** Long windows and distinct counts come from levels and trackers (true) or from the ring (false). */
  bucketed = false;
  levels: BucketLevel[] | null = null;
  distinct: (DistinctTracker | null)[] | null = null;
  life: number[] | null = null;

  /** ring: `capacity * ringStride` numbers, a circular buffer of entries. */
  constructor(public ring: number[]) {}

  static create(layout: StreamLayout): StreamState {
    return new StreamState(filled(layout.ringStride, 0));
  }

  /** Offset in `ring` of the i-th oldest entry. */
  offsetAt(layout: StreamLayout, i: number): number {
    const cap = this.ring.length / layout.ringStride;
    return ((this.head + i) % cap) * layout.ringStride;
  }

  /** Time of the i-th oldest ring entry. */
  timeAt(layout: StreamLayout, i: number): number {
    return this.ring[this.offsetAt(layout, i)];
  }

  /**
   * Applies one event at effective time t. `values` holds the numeric slots (NaN = absent) then the hashes of
   * single-valued distinct fields (the ring's columns after time); `distinctHashes[d]` every hash of field d.
   */
  apply(layout: StreamLayout, t: number, values: Float64Array, distinctHashes: readonly NumberList[]): void {
    this.pushRing(layout, t, values);
    if (this.bucketed) {
      this.addToLevels(layout, t, values);
      this.addToTrackers(layout, t, distinctHashes, true);
    } else {
      this.addToTrackers(layout, t, distinctHashes, false);
    }
    if (layout.lifetime) this.addToLife(layout, t, values);
    this.pruneRing(layout, t);
    if (!this.bucketed && layout.bucketable && this.len > EXACT_MODE_EVENTS) this.becomeBucketed(layout, t);
  }

  /** Multi-valued distinct fields always keep a tracker; single-valued ones only once bucketed. */
  private addToTrackers(layout: StreamLayout, t: number, hashes: readonly NumberList[], all: boolean): void {
    for (let d = 0; d < layout.distinct.length; d++) {
      const { reach, ringColumn } = layout.distinct[d];
      if (reach === 0 || (ringColumn >= 0 && !all)) continue;
      const list = hashes[d];
      for (let i = 0; i < list.n; i++) this.track(d, layout, list.items[i], t, reach);
    }
  }

  private track(d: number, layout: StreamLayout, hash: number, t: number, reach: number): void {
    this.distinct ??= new Array<DistinctTracker | null>(layout.distinct.length).fill(null);
    const tracker = (this.distinct[d] ??= new DistinctTracker());
    tracker.add(hash, t, t - reach);
  }

  private pushRing(layout: StreamLayout, t: number, values: Float64Array): void {
    const stride = layout.ringStride;
    let cap = this.ring.length / stride;
    if (this.len === cap) {
      if (cap < layout.maxEvents) {
        const grown = filled(Math.min(cap * 2, layout.maxEvents) * stride, 0);
        for (let i = 0; i < this.len; i++) {
          const from = this.offsetAt(layout, i);
          for (let k = 0; k < stride; k++) grown[i * stride + k] = this.ring[from + k];
        }
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
    const cutoff = t - (this.bucketed || !layout.bucketable ? layout.exactReach : layout.fullReach);
    const cap = this.ring.length / layout.ringStride;
    while (this.len > layout.maxRows && this.ring[this.head * layout.ringStride] < cutoff) {
      this.head = (this.head + 1) % cap;
      this.len--;
    }
  }

  private becomeBucketed(layout: StreamLayout, t: number): void {
    this.bucketed = true;
    const stride = cellStride(layout);
    this.levels = layout.levels.map(() => new BucketLevel(filled(4 * stride, 0)));
    const values = new Float64Array(layout.ringStride - 1);
    for (let i = 0; i < this.len; i++) {
      const at = this.offsetAt(layout, i);
      for (let k = 0; k < values.length; k++) values[k] = this.ring[at + 1 + k];
      this.addToLevels(layout, this.ring[at], values);
      for (let d = 0; d < layout.distinct.length; d++) {
        const { reach, ringColumn } = layout.distinct[d];
        const h = ringColumn >= 0 ? this.ring[at + ringColumn] : NaN;
        if (reach === 0 || h !== h) continue;
        this.track(d, layout, h, this.ring[at], reach);
      }
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
          const grown = filled(cap * 2 * stride, 0);
          for (let i = 0; i < level.len; i++) {
            const from = ((level.head + i) % cap) * stride;
            for (let k = 0; k < stride; k++) grown[i * stride + k] = level.cells[from + k];
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
      this.life = filled(cellStride(layout), 0);
      initCell(this.life, 0, layout.numFields, 0, t);
    }
    addToCell(this.life, 0, layout.numFields, t, values);
  }
}

const ZEROS: number[] = [0.5];
ZEROS.pop(); // a packed array of doubles from the start: copies of it never change representation
for (let i = 0; i < 256; i++) ZEROS.push(0);

/** An array of n zeros stored as unboxed doubles (one allocation; filling with times then converts nothing). */
export function filled(n: number, v: number): number[] {
  if (v === 0 && n <= ZEROS.length) return ZEROS.slice(0, n);
  const a = ZEROS.slice(0, 0);
  for (let i = 0; i < n; i++) a.push(v);
  return a;
}

export function initCell(cells: number[], at: number, numFields: number, index: number, t: number): void {
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

function addToCell(cells: number[], at: number, numFields: number, t: number, values: Float64Array): void {
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
