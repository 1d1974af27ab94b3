// Distinct values of one field for one key: each value's last-seen time in an open-addressing table (exact), until
// a key holds more than DISTINCT_EXACT_LIMIT live values; then a sliding HyperLogLog (3.25% standard error) takes
// over for that key. Counting "distinct values seen at or after L" serves every time window of the field.
import { SlidingHyperLogLog } from './sliding-hyperloglog.js';

export const DISTINCT_EXACT_LIMIT = 2048;

export class DistinctTracker {
  /** Value hashes (0 = empty slot). */
  keys: Float64Array;
  /** Last-seen time of each value. */
  times: Float64Array;
  size = 0;
  hll: SlidingHyperLogLog | null = null;
  /** Last-seen times sorted, for counting several windows of a busy key (re-sorted after a change). */
  private sorted: Float64Array | null = null;
  private sortedValid = false;

  constructor(capacity = 4) {
    this.keys = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  /** Records `hash` as seen at `time` (times arrive non-decreasing); forgets values last seen before `cutoff`. */
  add(hash: number, time: number, cutoff: number): void {
    this.sortedValid = false;
    if (this.hll) {
      this.hll.add(hash, time);
      return;
    }
    const mask = this.keys.length - 1;
    let i = hash % this.keys.length;
    for (;;) {
      const k = this.keys[i];
      if (k === hash) {
        this.times[i] = time;
        return;
      }
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    this.keys[i] = hash;
    this.times[i] = time;
    this.size++;
    if (this.size * 2 > this.keys.length) this.rehash(cutoff);
  }

  /** Values seen at or after `lower`. */
  count(lower: number): number {
    if (this.hll) return this.hll.estimate(lower);
    const { keys, times } = this;
    if (this.size <= 32) {
      let n = 0;
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0 && times[i] >= lower) n++;
      return n;
    }
    if (!this.sortedValid) {
      if (!this.sorted || this.sorted.length < this.size) this.sorted = new Float64Array(this.keys.length);
      let k = 0;
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.sorted[k++] = times[i];
      this.sorted.subarray(0, k).sort();
      this.sortedValid = true;
    }
    const sorted = this.sorted!;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] >= lower) hi = mid;
      else lo = mid + 1;
    }
    return this.size - lo;
  }

  prune(cutoff: number): void {
    this.sortedValid = false;
    if (this.hll) this.hll.prune(cutoff);
    else this.rehash(cutoff);
  }

  private rehash(cutoff: number): void {
    const { keys, times } = this;
    let live = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0 && times[i] >= cutoff) live++;
    if (live > DISTINCT_EXACT_LIMIT) {
      const hll = new SlidingHyperLogLog();
      // Oldest first, so each register keeps the right staircase of (time, rank).
      const order: number[] = [];
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0 && times[i] >= cutoff) order.push(i);
      order.sort((a, b) => times[a] - times[b] || keys[a] - keys[b]);
      for (const i of order) hll.add(keys[i], times[i]);
      this.hll = hll;
      this.keys = new Float64Array(0);
      this.times = new Float64Array(0);
      this.size = 0;
      return;
    }
    let capacity = 4;
    while (capacity < live * 2 + 2) capacity *= 2;
    const nk = new Float64Array(capacity);
    const nt = new Float64Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0 || times[i] < cutoff) continue;
      let j = keys[i] % capacity;
      while (nk[j] !== 0) j = (j + 1) & mask;
      nk[j] = keys[i];
      nt[j] = times[i];
    }
    this.keys = nk;
    this.times = nt;
    this.size = live;
  }
}
