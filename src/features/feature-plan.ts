// Compiles a validated feature set into what the runtime executes: per entity, the streams (event types + filter)
// whose state several features share, each stream's value slots and state layout, and each feature as a query on
// one stream (or a derived feature over others). Features are queries: adding one to a stream costs no update work.
import { createHash } from 'node:crypto';
import { compileExpression, type CompiledExpression } from '../expression/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../core/index.js';
import type { EntityKind, FeatureSetSpec, FeatureSpec, RequestMode, TimeUnit, Transform } from './feature-spec.js';
import { compileKeyExtractor, type KeyExtractor } from './entity-keys.js';
import { compilePath, type PathReader } from './field-path.js';
import { parseDuration } from './duration.js';
import { parseWindow, type WindowSpecParsed } from './window-spec.js';
import type { LevelLayout, StreamLayout } from './stream-layout.js';
import type { WindowQuery, WindowedAggregation } from './window-aggregate.js';
import { EXPRESSION_DECLARATIONS, validateFeatureSet } from './spec-validator.js';

const UNIT_MS: Readonly<Record<TimeUnit, number>> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
const ALL_EVENT_TYPES = [
  'application.submitted', 'device.seen', 'login', 'loan.booked', 'instalment.due', 'repayment.made', 'loan.closed',
  'collection.call', 'list.changed',
];

/** Where one value of an event comes from: a path per event type, or a CEL expression. */
export interface ValueSource {
  readonly paths: ReadonlyMap<string, PathReader> | null;
  readonly expr: CompiledExpression | null;
}

export interface StreamPlan {
  readonly entity: number;
  readonly index: number;
  readonly eventTypes: ReadonlySet<string>;
  readonly filter: CompiledExpression | null;
  readonly numeric: readonly ValueSource[];
  readonly distinct: readonly ValueSource[];
  readonly layout: StreamLayout;
}

export interface EntityPlan {
  readonly kind: EntityKind;
  readonly index: number;
  readonly streams: readonly StreamPlan[];
  /** Key extractors for every event type carrying this entity (reads use the current event's type). */
  readonly keys: ReadonlyMap<string, KeyExtractor>;
}

export interface WindowedFeature extends WindowQuery {
  readonly kind: 'windowed';
  /** The layout of the stream it reads (a shortcut for entities[entity].streams[stream].layout). */
  readonly layout: StreamLayout;
  readonly index: number;
  readonly name: string;
  readonly spec: FeatureSpec;
  readonly entity: number;
  readonly stream: number;
  readonly request: RequestMode;
  readonly fill: number | undefined;
}

export interface DerivedFeature {
  readonly kind: 'derived';
  readonly index: number;
  readonly name: string;
  readonly spec: FeatureSpec;
  readonly op: 'ratio' | Transform;
  readonly inputs: readonly number[];
  readonly threshold: number;
  /** Window ranges (ms) of the inputs, for trend. */
  readonly ranges: readonly number[];
  readonly fill: number | undefined;
}

export type PlannedFeature = WindowedFeature | DerivedFeature;

/** What one event type updates in one entity: the streams reading it, with their path readers for that type. */
export interface DispatchTarget {
  readonly entity: EntityPlan;
  /** The entity's key extractor for this event type. */
  readonly keys: KeyExtractor;
  readonly streams: readonly StreamPlan[];
  /** Per stream: the reader of each numeric value for this event type (null: a CEL value, or no path). */
  readonly numericReaders: readonly (readonly (PathReader | null)[])[];
  readonly distinctReaders: readonly (readonly (PathReader | null)[])[];
}

export interface FeaturePlan {
  readonly spec: FeatureSetSpec;
  /** Changes whenever anything that shapes state changes; snapshots of another fingerprint are not reused. */
  readonly fingerprint: string;
  readonly ttl: number;
  readonly lateness: number;
  readonly entities: readonly EntityPlan[];
  readonly features: readonly PlannedFeature[];
  readonly byName: ReadonlyMap<string, number>;
  /** Per event type: the entities (and their streams) it updates. */
  readonly dispatch: ReadonlyMap<string, readonly DispatchTarget[]>;
  /** Derived features in an order where inputs come first. */
  readonly derivedOrder: readonly number[];
}

interface StreamDraft {
  entity: number;
  index: number;
  events: string[];
  filter: string | undefined;
  numeric: Map<string, FeatureSpec>;
  distinct: Map<string, FeatureSpec>;
  features: { spec: FeatureSpec; agg: WindowedAggregation; window: WindowSpecParsed; slotKey: string }[];
}

export function compileFeaturePlan(input: FeatureSetSpec | unknown): FeaturePlan {
  const spec = validateFeatureSet(input);
  const entityIndex = new Map<EntityKind, number>();
  const drafts: StreamDraft[][] = [];
  const streamIndex = new Map<string, StreamDraft>();
  for (const f of spec.features) {
    if (f.aggregation === undefined || f.aggregation === 'ratio') continue;
    const entity = f.entity as EntityKind;
    if (!entityIndex.has(entity)) {
      entityIndex.set(entity, drafts.length);
      drafts.push([]);
    }
    const e = entityIndex.get(entity)!;
    const events = [...(f.events ?? [])].sort();
    const signature = `${entity}|${events.join(',')}|${f.filter ?? ''}`;
    let draft = streamIndex.get(signature);
    if (!draft) {
      draft = { entity: e, index: drafts[e].length, events, filter: f.filter, numeric: new Map(), distinct: new Map(), features: [] };
      drafts[e].push(draft);
      streamIndex.set(signature, draft);
    }
    const agg = f.aggregation as WindowedAggregation;
    const slotKey = f.value !== undefined ? `value:${f.value}` : f.field !== undefined ? `field:${JSON.stringify(f.field)}` : '';
    if (slotKey !== '') (agg === 'distinct_count' ? draft.distinct : draft.numeric).set(slotKey, f);
    draft.features.push({ spec: f, agg, window: parseWindow(f.window as string) as WindowSpecParsed, slotKey });
  }

  const entities: EntityPlan[] = [];
  const windowed = new Map<string, Omit<WindowedFeature, 'index'>>();
  for (const [kind, e] of entityIndex) {
    const streams = drafts[e].map((draft) => buildStream(draft, spec, windowed));
    const keys = new Map<string, KeyExtractor>();
    for (const type of ALL_EVENT_TYPES) {
      const extractor = compileKeyExtractor(kind, type);
      if (extractor) keys.set(type, extractor);
    }
    entities.push({ kind, index: e, streams, keys });
  }

  const features: PlannedFeature[] = [];
  const byName = new Map<string, number>();
  spec.features.forEach((f, i) => byName.set(f.name, i));
  spec.features.forEach((f, i) => {
    const w = windowed.get(f.name);
    if (w) {
      // One literal with every field in one order: all windowed features share a hidden class, so the read loop's
      // property accesses stay monomorphic (a spread here gave nearly every feature its own map, 3x slower reads).
      features.push({
        kind: 'windowed', index: i, name: w.name, spec: w.spec, entity: w.entity, stream: w.stream, layout: w.layout,
        aggregation: w.aggregation, slot: w.slot, window: w.window, level: w.level, unitMs: w.unitMs, request: w.request,
        fill: w.fill,
      });
      return;
    }
    const inputs = (f.aggregation === 'ratio' ? f.of! : f.inputs!).map((n) => byName.get(n)!);
    const ranges = inputs.map((k) => {
      const win = parseWindow(spec.features[k].window ?? '');
      return typeof win !== 'string' && win.kind === 'time' ? win.range : NaN;
    });
    features.push({
      kind: 'derived', index: i, name: f.name, spec: f, op: f.aggregation === 'ratio' ? 'ratio' : f.transform!,
      inputs, threshold: f.threshold ?? 0, ranges, fill: f.fill,
    });
  });

  const dispatch = new Map<string, DispatchTarget[]>();
  for (const entity of entities) {
    for (const type of ALL_EVENT_TYPES) {
      const streams = entity.streams.filter((s) => s.eventTypes.has(type));
      if (streams.length === 0) continue;
      if (!dispatch.has(type)) dispatch.set(type, []);
      const readers = (sources: readonly ValueSource[]) => sources.map((v) => v.paths?.get(type) ?? null);
      dispatch.get(type)!.push({
        entity, keys: entity.keys.get(type)!, streams, numericReaders: streams.map((st) => readers(st.numeric)), distinctReaders: streams.map((st) => readers(st.distinct)),
      });
    }
  }
  return {
    spec,
    fingerprint: createHash('sha256').update(JSON.stringify(spec.features)).update(`|${spec.ttl}|${spec.lateness}|${spec.maxEventsPerKey}`).digest('hex').slice(0, 16),
    ttl: parseDuration(spec.ttl!)!,
    lateness: parseDuration(spec.lateness!)!,
    entities,
    features,
    byName,
    dispatch,
    derivedOrder: derivedOrder(features),
  };
}

function buildStream(draft: StreamDraft, spec: FeatureSetSpec, out: Map<string, Omit<WindowedFeature, 'index'>>): StreamPlan {
  const numericKeys = [...draft.numeric.keys()];
  const distinctKeys = [...draft.distinct.keys()];
  // A distinct field is single-valued (its hash rides in the ring) unless its path fans out or CEL computes it.
  const multi = distinctKeys.map((k) => k.startsWith('value:') || k.includes('[]'));
  let exactReach = 0, fullReach = 0, maxRows = 0, lifetime = false;
  const levels: LevelLayout[] = [];
  const distinctReach = distinctKeys.map(() => 0);
  for (const { agg, window, slotKey } of draft.features) {
    if (window.kind === 'rows') maxRows = Math.max(maxRows, window.rows);
    if (window.kind === 'lifetime') lifetime = true;
    if (window.kind !== 'time') continue;
    const reach = window.range + window.bucket;
    if (agg === 'distinct_count') {
      const d = distinctKeys.indexOf(slotKey);
      distinctReach[d] = Math.max(distinctReach[d], reach);
      if (!multi[d]) fullReach = Math.max(fullReach, reach);
      continue;
    }
    fullReach = Math.max(fullReach, reach);
    if (window.bucket === 0) exactReach = Math.max(exactReach, window.range);
    else {
      const level = levels.find((l) => l.bucket === window.bucket);
      if (level) (level as { range: number }).range = Math.max(level.range, window.range);
      else levels.push({ bucket: window.bucket, range: window.range });
    }
  }
  levels.sort((a, b) => a.bucket - b.bucket);
  let ringColumn = 1 + numericKeys.length;
  const distinct = distinctKeys.map((_, d) => ({ ringColumn: multi[d] ? -1 : ringColumn++, reach: distinctReach[d] }));
  const layout: StreamLayout = {
    numFields: numericKeys.length,
    ringStride: ringColumn,
    exactReach,
    fullReach: Math.max(fullReach, exactReach),
    maxRows,
    levels,
    distinct,
    bucketable: levels.length > 0 || distinct.some((d) => d.ringColumn >= 0 && d.reach > 0),
    lifetime,
    maxEvents: spec.maxEventsPerKey!,
  };
  for (const { spec: f, agg, window, slotKey } of draft.features) {
    const slot = agg === 'distinct_count' ? distinctKeys.indexOf(slotKey) : slotKey === '' ? -1 : numericKeys.indexOf(slotKey);
    const level = window.kind === 'time' && window.bucket > 0 ? levels.findIndex((l) => l.bucket === window.bucket) : -1;
    out.set(f.name, {
      kind: 'windowed', name: f.name, spec: f, entity: draft.entity, stream: draft.index, layout, aggregation: agg, slot,
      window, level, unitMs: UNIT_MS[f.unit ?? 'd'], request: f.request ?? 'exclude', fill: f.fill,
    });
  }
  return {
    entity: draft.entity,
    index: draft.index,
    eventTypes: new Set(draft.events),
    filter: draft.filter === undefined ? null : compileExpression(draft.filter, EXPRESSION_DECLARATIONS, { expect: 'bool' }),
    numeric: numericKeys.map((k) => valueSource(draft.numeric.get(k)!)),
    distinct: distinctKeys.map((k) => valueSource(draft.distinct.get(k)!)),
    layout,
  };
}

function valueSource(f: FeatureSpec): ValueSource {
  if (f.value !== undefined) return { paths: null, expr: compileExpression(f.value, EXPRESSION_DECLARATIONS) };
  const paths = new Map<string, PathReader>();
  for (const type of f.events ?? []) {
    const path = typeof f.field === 'string' ? f.field : (f.field as Record<string, string>)[type];
    paths.set(type, compilePath(path));
  }
  return { paths, expr: null };
}

function derivedOrder(features: readonly PlannedFeature[]): number[] {
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (i: number): void => {
    if (done.has(i)) return;
    done.add(i);
    const f = features[i];
    if (f.kind !== 'derived') return;
    for (const k of f.inputs) visit(k);
    order.push(i);
  };
  for (let i = 0; i < features.length; i++) visit(i);
  return order;
}
