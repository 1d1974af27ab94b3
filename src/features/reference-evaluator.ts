// The semantics of feature specs written the slow, obvious way: for every event, scan every earlier event of the
// key. Tests hold the engine (ring buffers, buckets, snapshots, Redis) against it; the engine never uses it.
// It keeps no state structures, so it cannot share their bugs; it shares only the CEL compiler and path reader.
import { compileExpression } from '../expression/index.js';
import type { FeatureSetSpec, FeatureSpec, FeatureValues } from './feature-spec.js';
import { compileKeyExtractor } from './entity-keys.js';
import { compilePath } from './field-path.js';
import { ScratchList } from './scratch-list.js';
import { parseDuration } from './duration.js';
import { deriveValue } from './derived-value.js';
import { EXPRESSION_DECLARATIONS, validateFeatureSet } from './spec-validator.js';
import type { FeatureEvent } from './set-runtime.js';

const UNIT: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 };
const LADDER_MIN = [1, 5, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 5760, 10080];

interface Applied {
  readonly t: number;
  readonly event: FeatureEvent;
}

/** Values of every feature as of each event (in the given order), following docs/features.md. */
export function referenceValues(input: FeatureSetSpec, events: readonly FeatureEvent[]): FeatureValues[] {
  const spec = validateFeatureSet(input);
  const ttl = parseDuration(spec.ttl!)!;
  const lateness = parseDuration(spec.lateness!)!;
  const entities = [...new Set(spec.features.filter((f) => f.entity).map((f) => f.entity!))];
  const readsType = (entity: string, type: string) =>
    spec.features.some((f) => f.entity === entity && f.aggregation !== 'ratio' && f.events?.includes(type));
  // Per entity and key: clock and applied events since the last reset.
  const history = new Map<string, { w: number; events: Applied[] }>();
  const links = new Map<string, string>();
  const keysOf = (entity: string, e: FeatureEvent): string[] => {
    const extractor = compileKeyExtractor(entity as never, e.type);
    if (!extractor) return [];
    const out = new ScratchList<string>();
    extractor(e.data, { owner: (id) => links.get(id) }, out);
    return out.items.slice(0, out.n);
  };
  const results: FeatureValues[] = [];
  for (const event of events) {
    if (event.type === 'loan.booked') {
      const d = event.data as { loanId: string; idNumber: string };
      links.set(d.loanId, d.idNumber);
    }
    const values: FeatureValues = {};
    const windowedNow = (include: boolean) => {
      for (const f of spec.features) {
        if (!f.entity || f.aggregation === 'ratio' || (f.request === 'include') !== include) continue;
        let best: number | null = null;
        for (const key of keysOf(f.entity, event)) {
          const h = history.get(`${f.entity}|${key}`);
          const live = h && !(event.time - h.w > ttl) ? h : undefined;
          const q = live && live.w > event.time ? live.w : event.time;
          const v = evaluate(f, live ? live.events : [], q);
          if (v !== null && (best === null || v > best)) best = v;
        }
        values[f.name] = best === null && f.fill !== undefined ? f.fill : best;
      }
    };
    windowedNow(false);
    for (const entity of entities) {
      if (!readsType(entity, event.type)) continue;
      for (const key of keysOf(entity, event)) {
        const id = `${entity}|${key}`;
        let h = history.get(id);
        if (!h || event.time - h.w > ttl) history.set(id, (h = { w: -Infinity, events: [] }));
        else if (event.time < h.w - lateness) continue;
        h.w = Math.max(h.w, event.time);
        h.events.push({ t: h.w, event });
      }
    }
    windowedNow(true);
    for (const f of spec.features) {
      if (f.entity) continue;
      const inputs = (f.aggregation === 'ratio' ? f.of! : f.inputs!).map((n) => values[n] ?? null);
      const ranges = (f.aggregation === 'ratio' ? f.of! : f.inputs!).map((n) => {
        const w = spec.features.find((g) => g.name === n)!.window;
        return w ? parseDuration(w) ?? NaN : NaN;
      });
      const v = deriveValue(f.aggregation === 'ratio' ? 'ratio' : f.transform!, inputs[0], inputs[1] ?? null, f.threshold ?? 0, ranges[0], ranges[1]);
      values[f.name] = v === null && f.fill !== undefined ? f.fill : v;
    }
    results.push(values);
  }
  return results;
}

function evaluate(f: FeatureSpec, all: readonly Applied[], q: number): number | null {
  const filter = f.filter ? compileExpression(f.filter, EXPRESSION_DECLARATIONS, { expect: 'bool' }) : undefined;
  let rows = all.filter((a) => f.events!.includes(a.event.type) && passes(filter, a.event));
  const w = f.window!;
  if (w.startsWith('rows:')) rows = rows.slice(Math.max(0, rows.length - Number(w.slice(5))));
  else if (w !== 'lifetime') {
    const range = parseDuration(w)!;
    const bucket = range <= 8.64e7 ? 0 : (LADDER_MIN.find((m) => m * 6e4 >= range / 64) ?? 10080) * 6e4;
    const lower = bucket === 0 ? q - range : Math.floor((q - range) / bucket) * bucket;
    rows = rows.filter((a) => a.t >= lower);
  }
  const agg = f.aggregation!;
  if (agg === 'count') return rows.length;
  if (agg === 'time_since_first') return rows.length ? (q - rows[0].t) / UNIT[f.unit ?? 'd'] : null;
  if (agg === 'time_since_last') return rows.length ? (q - rows[rows.length - 1].t) / UNIT[f.unit ?? 'd'] : null;
  if (agg === 'distinct_count') {
    const seen = new Set<string>();
    for (const a of rows) for (const v of rawValues(f, a.event)) if (['string', 'number', 'boolean'].includes(typeof v)) seen.add(`${typeof v}:${v}`);
    return seen.size;
  }
  const nums: number[] = [];
  for (const a of rows) {
    const v = rawValues(f, a.event)[0];
    if (typeof v === 'number' && Number.isFinite(v)) nums.push(v);
    else if (typeof v === 'boolean') nums.push(v ? 1 : 0);
  }
  if (agg === 'sum') return nums.reduce((s, v) => s + v, 0);
  if (nums.length === 0) return null;
  switch (agg) {
    case 'mean': return nums.reduce((s, v) => s + v, 0) / nums.length;
    case 'min': return Math.min(...nums);
    case 'max': return Math.max(...nums);
    case 'first': return nums[0];
    case 'last': return nums[nums.length - 1];
    default: throw new Error(`reference: ${agg}`);
  }
}

function passes(filter: ReturnType<typeof compileExpression> | undefined, e: FeatureEvent): boolean {
  if (!filter) return true;
  try {
    return filter.evaluate({ data: e.data, eventType: e.type, time: e.time }) === true;
  } catch {
    return false;
  }
}

function rawValues(f: FeatureSpec, e: FeatureEvent): unknown[] {
  if (f.value !== undefined) {
    try {
      const v = compileExpression(f.value, EXPRESSION_DECLARATIONS).evaluate({ data: e.data, eventType: e.type, time: e.time });
      return Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
    } catch {
      return [];
    }
  }
  const path = typeof f.field === 'string' ? f.field : f.field![e.type];
  const out = new ScratchList<unknown>();
  compilePath(path)(e.data, out);
  return out.items.slice(0, out.n);
}
