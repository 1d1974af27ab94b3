// One entity key's state in one feature set: its clock (the newest effective event time, which also tells how long
// it has been idle) and one StreamState per stream of the entity, made on the key's first event of that stream.
import { StreamState, BucketLevel } from './stream-state.js';
import { DistinctTracker } from './distinct-tracker.js';
import { SlidingHyperLogLog } from './sliding-hyperloglog.js';

export interface KeyState {
  /** Newest effective event time applied (ms). */
  w: number;
  readonly streams: (StreamState | null)[];
}

export function newKeyState(streamCount: number): KeyState {
  return { w: -Infinity, streams: new Array<StreamState | null>(streamCount).fill(null) };
}

/** A key idle for longer than the set's ttl is treated as never seen (its state is dropped when next touched). */
export function isStale(state: KeyState, time: number, ttl: number): boolean {
  return time - state.w > ttl;
}

/** A deep copy, so a request can be applied to it without touching the live state. */
export function cloneKeyState(state: KeyState): KeyState {
  return { w: state.w, streams: state.streams.map((s) => (s ? cloneStream(s) : null)) };
}

function cloneStream(s: StreamState): StreamState {
  const c = new StreamState(s.ring.slice());
  c.head = s.head;
  c.len = s.len;
  c.bucketed = s.bucketed;
  c.levels = s.levels ? s.levels.map((l) => new BucketLevel(l.cells.slice(), l.head, l.len)) : null;
  c.distinct = s.distinct ? s.distinct.map((d) => (d ? cloneTracker(d) : null)) : null;
  c.life = s.life ? s.life.slice() : null;
  return c;
}

function cloneTracker(d: DistinctTracker): DistinctTracker {
  const c = new DistinctTracker(0);
  c.keys = d.keys.slice();
  c.times = d.times.slice();
  c.size = d.size;
  c.hll = d.hll ? new SlidingHyperLogLog(d.hll.registers.map((r) => r.slice())) : null;
  return c;
}
