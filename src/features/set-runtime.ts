// Runs one compiled feature set over events: updates key states (apply) and reads features as of an event or of a
// key. Pure and synchronous over a StateAccess, so the in-memory engine, the Redis store, backfill and requests all
// share it and agree to the last bit.
//
// Time rules (docs/features.md): each key has a clock w = its newest effective event time. An event at t updates a
// key at max(t, w) (a late event counts as arriving now), unless t < w - lateness (then that key ignores it). A key
// idle for longer than the ttl starts afresh. Reads happen at q = max(t, w), so no state is ever read in the past.
import type { FeatureValue } from './feature-spec.js';
import type { DerivedFeature, EntityPlan, FeaturePlan, StreamPlan, ValueSource, WindowedFeature } from './feature-plan.js';
import type { PathReader } from './field-path.js';
import { NumberList, ScratchList } from './scratch-list.js';
import { StreamState } from './stream-state.js';
import { newKeyState, isStale, type KeyState } from './key-state.js';
import type { LoanLinks, StateAccess } from './state-access.js';
import { WindowMemo, windowedValue } from './window-aggregate.js';
import { deriveValue } from './derived-value.js';
import { hashValue } from './value-hash.js';

/** An event as the runtime sees it: type, business time in ms, and the (PII-hashed) payload. */
export interface FeatureEvent {
  readonly type: string;
  readonly time: number;
  readonly data: unknown;
}

export interface RuntimeCounters {
  applied: number;
  /** Key updates skipped because the event was older than the key's clock by more than the lateness. */
  lateDropped: number;
  /** Events on which a filter or value expression failed (treated as filtered out / missing value). */
  expressionErrors: number;
}

export class SetRuntime {
  readonly counters: RuntimeCounters = { applied: 0, lateDropped: 0, expressionErrors: 0 };
  private readonly values: Float64Array[] = [];
  private readonly hashes: NumberList[][] = [];
  private readonly passes: boolean[] = [];
  /** Per stream: whether a filter or value is CEL (then the event is wrapped for it once). */
  private readonly usesCel: boolean[] = [];
  private readonly keys = new ScratchList<string>();
  private readonly scratch = new ScratchList<unknown>();
  private readonly readStates = new ScratchList<KeyState | undefined>();
  private readonly readTimes = new NumberList();
  private readonly memo = new WindowMemo();
  private readonly streamBase: number[] = [];

  constructor(readonly plan: FeaturePlan) {
    let id = 0;
    for (const entity of plan.entities) {
      this.streamBase.push(id);
      for (const s of entity.streams) {
        this.values.push(new Float64Array(s.layout.ringStride - 1));
        this.hashes.push(s.distinct.map(() => new NumberList()));
        this.passes.push(false);
        this.usesCel.push(s.filter !== null || s.numeric.some((v) => v.expr) || s.distinct.some((v) => v.expr));
        id++;
      }
    }
  }

  /** Applies an event to the states in `access`. `counted` false: a request applied to a copy, not a real event. */
  apply(event: FeatureEvent, access: StateAccess, links: LoanLinks, counted = true): void {
    if (event.type === 'loan.booked') linkLoan(event.data, links);
    const targets = this.plan.dispatch.get(event.type);
    if (!targets) return;
    if (counted) this.counters.applied++;
    let vars: Record<string, unknown> | undefined;
    for (const target of targets) {
      const { entity, streams } = target;
      target.keys(event.data, links, this.keys);
      if (this.keys.n === 0) continue;
      const base = this.streamBase[entity.index];
      for (let k = 0; k < streams.length; k++) {
        const s = streams[k];
        if (this.usesCel[base + s.index] && !vars) vars = { data: event.data, eventType: event.type, time: event.time };
        this.passes[base + s.index] = this.extract(s, base + s.index, target.numericReaders[k], target.distinctReaders[k], event, vars);
      }
      for (let i = 0; i < this.keys.n; i++) this.applyKey(entity, streams, this.keys.items[i], event.time, access);
    }
  }

  private applyKey(entity: EntityPlan, streams: readonly StreamPlan[], key: string, t: number, access: StateAccess): void {
    let state = access.get(entity.index, key);
    if (state === undefined || isStale(state, t, this.plan.ttl)) {
      state = newKeyState(entity.streams.length);
      access.set(entity.index, key, state);
    } else if (t < state.w - this.plan.lateness) {
      this.counters.lateDropped++;
      return;
    }
    const eff = t > state.w ? t : state.w;
    state.w = eff;
    const base = this.streamBase[entity.index];
    for (const s of streams) {
      if (!this.passes[base + s.index]) continue;
      const ss = (state.streams[s.index] ??= StreamState.create(s.layout));
      ss.apply(s.layout, eff, this.values[base + s.index], this.hashes[base + s.index]);
    }
    access.dirty?.(entity.index, key, state);
  }

  private extract(
    s: StreamPlan, id: number, numericReaders: readonly (PathReader | null)[], distinctReaders: readonly (PathReader | null)[],
    event: FeatureEvent, vars: Record<string, unknown> | undefined,
  ): boolean {
    if (s.filter) {
      try {
        if (s.filter.evaluate(vars!) !== true) return false;
      } catch {
        this.counters.expressionErrors++;
        return false;
      }
    }
    const values = this.values[id];
    for (let i = 0; i < s.numeric.length; i++) {
      this.collect(numericReaders[i], s.numeric[i], event, vars);
      values[i] = toNumber(this.scratch.n > 0 ? this.scratch.items[0] : undefined);
    }
    const hashes = this.hashes[id];
    for (let d = 0; d < s.distinct.length; d++) {
      const out = hashes[d];
      out.clear();
      this.collect(distinctReaders[d], s.distinct[d], event, vars);
      for (let k = 0; k < this.scratch.n; k++) {
        const h = hashValue(this.scratch.items[k]);
        if (h !== undefined && !out.includes(h)) out.push(h);
      }
      const col = s.layout.distinct[d].ringColumn;
      if (col >= 0) values[col - 1] = out.n > 0 ? out.items[0] : NaN;
    }
    return true;
  }

  /** Leaves the value(s) of one source in `scratch`: through its path reader, or by evaluating its CEL. */
  private collect(reader: PathReader | null, source: ValueSource, event: FeatureEvent, vars: Record<string, unknown> | undefined): void {
    const out = this.scratch;
    out.clear();
    if (reader) {
      reader(event.data, out);
      return;
    }
    if (!source.expr) return;
    try {
      const v = source.expr.evaluate(vars!);
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else if (v !== null && v !== undefined) out.push(v);
    } catch {
      this.counters.expressionErrors++;
    }
  }

  /** Visits every (entity, key) that applying `event` updates (what a remote store must load first). */
  touchedKeys(event: FeatureEvent, links: LoanLinks, visit: (entity: number, key: string) => void): void {
    for (const { entity, keys } of this.plan.dispatch.get(event.type) ?? []) {
      keys(event.data, links, this.keys);
      for (let i = 0; i < this.keys.n; i++) visit(entity.index, this.keys.items[i]);
    }
  }

  /** Visits every (entity, key) that reading `features` as of `event` looks at. */
  readKeys(event: FeatureEvent, features: readonly WindowedFeature[], links: LoanLinks, visit: (entity: number, key: string) => void): void {
    const entities = new Set(features.map((f) => f.entity));
    for (const e of entities) {
      const extractor = this.plan.entities[e].keys.get(event.type);
      if (!extractor) continue;
      extractor(event.data, links, this.keys);
      for (let i = 0; i < this.keys.n; i++) visit(e, this.keys.items[i]);
    }
  }

  /**
   * Reads windowed features as of `event` from the states in `access` (the event itself applied or not, as the
   * caller arranged). A feature whose entity has no key in the event is null; several keys (contacts): the largest.
   */
  readWindowed(
    event: FeatureEvent, features: readonly WindowedFeature[], access: StateAccess, links: LoanLinks, out: FeatureValue[] | Float64Array,
  ): void {
    // A Float64Array output takes NaN for missing (columnar callers: no boxing of every value).
    const missing = Array.isArray(out) ? null : NaN;
    let lastEntity = -1;
    const states = this.readStates;
    const times = this.readTimes;
    const t = event.time;
    const ttl = this.plan.ttl;
    const memo = this.memo;
    memo.clear();
    for (const f of features) {
      if (f.entity !== lastEntity) {
        lastEntity = f.entity;
        const extractor = this.plan.entities[f.entity].keys.get(event.type);
        if (extractor) extractor(event.data, links, this.keys);
        else this.keys.clear();
        states.clear();
        times.clear();
        for (let i = 0; i < this.keys.n; i++) {
          const state = access.get(f.entity, this.keys.items[i]);
          const live = state !== undefined && !isStale(state, t, ttl) ? state : undefined;
          states.push(live);
          times.push(live && live.w > t ? live.w : t);
        }
        memo.clear();
      }
      let best: FeatureValue = null;
      for (let k = 0; k < states.n; k++) {
        const v = windowedValue(f, f.layout, states.items[k]?.streams[f.stream] ?? null, times.items[k], memo);
        if (v !== null && (best === null || v > best)) best = v;
      }
      (out as number[])[f.index] = (best === null ? (f.fill !== undefined ? f.fill : missing) : best) as number;
    }
  }

  /** The current value of a windowed feature for a key's state as of time `at`. */
  valueOf(f: WindowedFeature, state: KeyState | undefined, at: number): FeatureValue {
    const live = state !== undefined && !isStale(state, at, this.plan.ttl) ? state : undefined;
    const q = live && live.w > at ? live.w : at;
    return windowedValue(f, f.layout, live?.streams[f.stream] ?? null, q);
  }

  /** Fills derived features (in dependency order) from the values already in `out`. */
  finishDerived(derived: readonly DerivedFeature[], out: FeatureValue[]): void {
    for (const f of derived) {
      const a = out[f.inputs[0]] ?? null;
      const b = f.inputs.length > 1 ? (out[f.inputs[1]] ?? null) : null;
      const v = deriveValue(f.op, a, b, f.threshold, f.ranges[0], f.ranges[1] ?? NaN);
      out[f.index] = v === null && f.fill !== undefined ? f.fill : v;
    }
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

function linkLoan(data: unknown, links: LoanLinks): void {
  const d = data as { loanId?: unknown; idNumber?: unknown };
  if (typeof d.loanId === 'string' && typeof d.idNumber === 'string') links.link(d.loanId, d.idNumber);
}
