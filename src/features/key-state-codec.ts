// Key states to bytes and back, losslessly (every double bit for bit), so a restored snapshot or a state read from
// Redis continues exactly where the live one was. Only live ring entries and bucket cells are written.
import { RiskError } from '../core/index.js';
import type { EntityPlan } from './feature-plan.js';
import { newKeyState, type KeyState } from './key-state.js';
import { BucketLevel, StreamState, filled } from './stream-state.js';
import { cellStride } from './stream-layout.js';
import { DistinctTracker } from './distinct-tracker.js';
import { HLL_REGISTERS, SlidingHyperLogLog } from './sliding-hyperloglog.js';
import { ByteReader, ByteWriter } from './byte-buffer.js';

const FORMAT = 1;

export function encodeKeyState(state: KeyState, entity: EntityPlan, out: ByteWriter): void {
  out.u8(FORMAT);
  out.f64(state.w);
  out.u8(state.streams.length);
  state.streams.forEach((s, i) => {
    if (!s) {
      out.u8(0);
      return;
    }
    out.u8(1);
    const layout = entity.streams[i].layout;
    const stride = layout.ringStride;
    out.u32(s.ring.length / stride);
    out.u32(s.len);
    for (let k = 0; k < s.len; k++) out.f64s(s.ring, s.offsetAt(layout, k), stride);
    out.u8(s.bucketed ? 1 : 0);
    if (s.bucketed) {
      const cs = cellStride(layout);
      for (const level of s.levels!) {
        const cap = level.cells.length / cs;
        out.u32(cap);
        out.u32(level.len);
        for (let k = 0; k < level.len; k++) out.f64s(level.cells, ((level.head + k) % cap) * cs, cs);
      }
    }
    out.u8(s.distinct ? s.distinct.length : 0);
    for (const d of s.distinct ?? []) {
      if (!d) out.u8(0);
      else if (d.hll) {
        out.u8(2);
        for (const list of d.hll.registers) {
          out.u32(list.length);
          for (const v of list) out.f64(v);
        }
      } else {
        out.u8(1);
        out.u32(d.keys.length);
        out.u32(d.size);
        for (let k = 0; k < d.keys.length; k++) {
          if (d.keys[k] === 0) continue;
          out.f64(d.keys[k]);
          out.f64(d.times[k]);
        }
      }
    }
    out.u8(s.life ? 1 : 0);
    if (s.life) out.f64s(s.life, 0, s.life.length);
  });
}

export function decodeKeyState(input: ByteReader, entity: EntityPlan): KeyState {
  if (input.u8() !== FORMAT) throw new RiskError('FEATURE_STATE_CORRUPT', 'a feature key state has an unknown format');
  const w = input.f64();
  const count = input.u8();
  if (count !== entity.streams.length) {
    throw new RiskError('FEATURE_STATE_CORRUPT', 'a feature key state does not match its feature set', { streams: count });
  }
  const state = newKeyState(count);
  state.w = w;
  for (let i = 0; i < count; i++) {
    if (input.u8() === 0) continue;
    const layout = entity.streams[i].layout;
    const stride = layout.ringStride;
    const cap = input.u32();
    const s = new StreamState(filled(cap * stride, 0));
    s.len = input.u32();
    input.f64s(s.ring, 0, s.len * stride);
    s.bucketed = input.u8() === 1;
    if (s.bucketed) {
      const cs = cellStride(layout);
      s.levels = layout.levels.map(() => {
        const levelCap = input.u32();
        const level = new BucketLevel(filled(levelCap * cs, 0), 0, input.u32());
        input.f64s(level.cells, 0, level.len * cs);
        return level;
      });
    }
    const distinctCount = input.u8();
    if (distinctCount > 0) {
      s.distinct = [];
      for (let d = 0; d < distinctCount; d++) s.distinct.push(decodeTracker(input));
    }
    if (input.u8() === 1) {
      s.life = filled(cellStride(layout), 0);
      input.f64s(s.life, 0, s.life.length);
    }
    state.streams[i] = s;
  }
  return state;
}

function decodeTracker(input: ByteReader): DistinctTracker | null {
  const kind = input.u8();
  if (kind === 0) return null;
  if (kind === 2) {
    const registers: number[][] = [];
    for (let r = 0; r < HLL_REGISTERS; r++) {
      const n = input.u32();
      const list = new Array<number>(n);
      for (let k = 0; k < n; k++) list[k] = input.f64();
      registers.push(list);
    }
    const t = new DistinctTracker(0);
    t.hll = new SlidingHyperLogLog(registers);
    return t;
  }
  const capacity = input.u32();
  const size = input.u32();
  const t = new DistinctTracker(capacity);
  const mask = capacity - 1;
  for (let k = 0; k < size; k++) {
    const key = input.f64();
    const time = input.f64();
    let j = key % capacity;
    while (t.keys[j] !== 0) j = (j + 1) & mask;
    t.keys[j] = key;
    t.times[j] = time;
  }
  t.size = size;
  return t;
}
