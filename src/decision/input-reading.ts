// Reads a decision's feature and graph values: one batched read per reader for every name the flow and its shadows
// declare (the shadows see the same values), and, only when that read fails and a shadow declares names the flow
// does not, the flow's names and each shadow's additions read apart — so a name only a shadow declares (one the
// reader rejects) fails that shadow alone and never the answer.
import type { ArgusEventRecord } from '../store/index.js';
import { isRiskError } from '../core/index.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { FeatureReader, GraphReader, InputValues } from './readers.js';

/** Feature and graph values, by name, one flow runs on. */
export interface FlowInputs {
  readonly features: InputValues;
  readonly graph: InputValues;
}

/** Why a flow's inputs could not be read: its coded error outcome (the reader's code, or DECISION_INPUT_UNAVAILABLE). */
export interface InputFailure {
  readonly code: string;
  readonly message: string;
}

export type ShadowInputs = FlowInputs | { readonly failed: InputFailure };

export interface DecisionInputs extends FlowInputs {
  /** Absent: every shadow runs on these values. Present (the reads were split): each shadow's, in release order. */
  readonly shadows?: readonly ShadowInputs[];
}

export interface InputReaders {
  readonly features: FeatureReader;
  readonly graph: GraphReader;
}

/**
 * Reads the values `flow` and `shadows` declare, as of the event. Throws (or rejects) only when the flow's own
 * names cannot be read. Readers that answer synchronously (in-memory engines) are not wrapped in promises: no extra
 * microtask per decision.
 */
export function readDecisionInputs(readers: InputReaders, tenant: string, event: ArgusEventRecord, flow: CompiledFlow,
  shadows: readonly CompiledFlow[]): DecisionInputs | Promise<DecisionInputs> {
  if (shadows.length === 0) return readPair(readers, tenant, event, flowNames(flow, 'features'), flowNames(flow, 'graph'));
  // One read of the union, not one per flow: a graph read computes every feature of the applicant whatever the
  // names, so a second read would cost as much again. Split only on failure.
  const union = unionOf(flow, shadows);
  // The union failed lately: read apart straight away (the same values and outcomes, one read fewer), trying the
  // union again every UNION_RETRY_EVERY decisions in case whatever refused it has gone.
  if (union.splitFor > 0) {
    union.splitFor--;
    return readApart(readers, tenant, event, flow, shadows, null);
  }
  let read: DecisionInputs | Promise<DecisionInputs>;
  try {
    read = readPair(readers, tenant, event, union.features, union.graph);
  } catch (err) {
    return unionFailed(union, readers, tenant, event, flow, shadows, err);
  }
  // (A closure only for a reader that answers with a promise: under tsx every closure made also gets its name set.)
  return isPromise(read) ? read.then(undefined, (err: unknown) => unionFailed(union, readers, tenant, event, flow, shadows, err)) : read;
}

function unionFailed(union: Union, readers: InputReaders, tenant: string, event: ArgusEventRecord, flow: CompiledFlow,
  shadows: readonly CompiledFlow[], err: unknown): DecisionInputs | Promise<DecisionInputs> {
  union.splitFor = UNION_RETRY_EVERY;
  return readApart(readers, tenant, event, flow, shadows, err);
}

/**
 * After a union read fails, this many decisions read apart before the union is tried again. A shadow declaring a
 * name the reader rejects fails the union on every decision: reading apart at once saves that read (3 reads a
 * decision become 2); a failure that was passing costs the cheaper union at most this many times.
 */
export const UNION_RETRY_EVERY = 256;

/** A read's error as the coded outcome of the flow that needed it. */
export function inputFailure(err: unknown): InputFailure {
  return { code: isRiskError(err) ? err.code : 'DECISION_INPUT_UNAVAILABLE', message: `inputs could not be read: ${(err as Error)?.message ?? String(err)}` };
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export const EMPTY_VALUES: InputValues = Object.freeze({});

/**
 * After the union read failed (or while it is known to fail: unionError null): the flow's names again on their own
 * (their failure is the decision's), and each shadow's additions on their own (a failure is that shadow's). When no
 * shadow adds a name the union was the flow's own names, and its failure is the decision's without a second read.
 */
function readApart(readers: InputReaders, tenant: string, event: ArgusEventRecord, flow: CompiledFlow,
  shadows: readonly CompiledFlow[], unionError: unknown): DecisionInputs | Promise<DecisionInputs> {
  const extras = shadows.map((shadow) => extraNames(shadow, flow));
  if (unionError !== null && extras.every((e) => e.features.length === 0 && e.graph.length === 0)) throw unionError;
  const own = readPair(readers, tenant, event, flowNames(flow, 'features'), flowNames(flow, 'graph'));
  const added = extras.map((e) => (e.features.length === 0 && e.graph.length === 0 ? null : settle(() => readPair(readers, tenant, event, e.features, e.graph))));
  const combine = (base: FlowInputs, more: readonly (FlowInputs | InputFailure | null)[]): DecisionInputs => {
    // Nothing of a shadow's own failed or was added: the one read the union would have been.
    if (unionError === null && more.every((m) => m === null)) return base;
    return {
      ...base,
      shadows: more.map((m): ShadowInputs => {
        if (m === null) return base;
        if ('code' in m) return { failed: m };
        return { features: { ...base.features, ...m.features }, graph: { ...base.graph, ...m.graph } };
      }),
    };
  };
  if (!isPromise(own) && !added.some(isPromise)) return combine(own, added as (FlowInputs | InputFailure | null)[]);
  return Promise.all([own, Promise.all(added)]).then(([base, more]) => combine(base, more));
}

/** Runs a read whose failure is kept as a value (a shadow's), never thrown or rejected. */
function settle(read: () => FlowInputs | Promise<FlowInputs>): FlowInputs | InputFailure | Promise<FlowInputs | InputFailure> {
  try {
    const r = read();
    return isPromise(r) ? r.then(undefined, inputFailure) : r;
  } catch (err) {
    return inputFailure(err);
  }
}

function readPair(readers: InputReaders, tenant: string, event: ArgusEventRecord, featureNames: string[], graphNames: string[]):
  FlowInputs | Promise<FlowInputs> {
  const features = readNames(readers.features, tenant, event, featureNames);
  let graph: InputValues | Promise<InputValues>;
  try {
    graph = readNames(readers.graph, tenant, event, graphNames);
  } catch (err) {
    // The features' promise is dropped: keep its rejection, if any, from being unhandled (which ends the process).
    if (isPromise(features)) features.catch(() => undefined);
    throw err;
  }
  if (isPromise(features) || isPromise(graph)) return Promise.all([features, graph]).then(([f, g]) => ({ features: f, graph: g }));
  return { features, graph };
}

const knownCache = new WeakMap<readonly string[], WeakMap<string[], string[]>>();

/** Reads the names the reader knows; the rest stay absent, which the flow reads as missing (null). */
export function readNames(reader: FeatureReader, tenant: string, event: ArgusEventRecord, names: string[]): InputValues | Promise<InputValues> {
  if (names.length === 0) return EMPTY_VALUES;
  let wanted = names;
  const known = reader.featureNames?.(tenant);
  if (known) {
    let byNames = knownCache.get(known);
    if (!byNames) knownCache.set(known, (byNames = new WeakMap()));
    let filtered = byNames.get(names);
    if (!filtered) {
      const set = new Set(known);
      byNames.set(names, (filtered = names.filter((n) => set.has(n))));
    }
    wanted = filtered;
  }
  return wanted.length === 0 ? EMPTY_VALUES : reader.read(tenant, event, wanted);
}

interface Names {
  readonly features: string[];
  readonly graph: string[];
}

interface Union extends Names {
  readonly shadows: readonly CompiledFlow[];
  /** Decisions left that read apart without trying the union (it failed lately). */
  splitFor: number;
}

/**
 * The names of a flow and its shadows, by the compiled flows themselves (cached by the catalog per tenant and
 * version). Keyed by "id@version" strings they were shared between tenants whose flows have the same ids — one
 * tenant's shadow names read for another's — and building the key cost a string a decision.
 */
const unions = new WeakMap<CompiledFlow, Union[]>();
/** Distinct shadow sets remembered per flow: a release changes them rarely; past this the oldest is forgotten. */
const UNIONS_PER_FLOW = 8;

function unionOf(flow: CompiledFlow, shadows: readonly CompiledFlow[]): Union {
  let known = unions.get(flow);
  if (!known) unions.set(flow, (known = []));
  for (const u of known) if (sameFlows(u.shadows, shadows)) return u;
  const all = [flow, ...shadows];
  const union: Union = {
    shadows: [...shadows],
    splitFor: 0,
    features: [...new Set(all.flatMap((f) => flowNames(f, 'features')))],
    graph: [...new Set(all.flatMap((f) => flowNames(f, 'graph')))],
  };
  if (known.length >= UNIONS_PER_FLOW) known.shift();
  known.push(union);
  return union;
}

function sameFlows(a: readonly CompiledFlow[], b: readonly CompiledFlow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const perFlow = new WeakMap<CompiledFlow, Names>();

function flowNames(flow: CompiledFlow, which: 'features' | 'graph'): string[] {
  let names = perFlow.get(flow);
  if (!names) {
    names = { features: flow.features.map((f) => f.name), graph: flow.graph.map((g) => g.name) };
    perFlow.set(flow, names);
  }
  return names[which];
}

/** The names a shadow declares that the flow does not (kept: the same arrays are the readers' filter cache keys). */
const extraCache = new WeakMap<CompiledFlow, WeakMap<CompiledFlow, Names>>();

function extraNames(shadow: CompiledFlow, flow: CompiledFlow): Names {
  let byFlow = extraCache.get(shadow);
  if (!byFlow) extraCache.set(shadow, (byFlow = new WeakMap()));
  let extra = byFlow.get(flow);
  if (!extra) {
    const minus = (which: 'features' | 'graph'): string[] => {
      const own = new Set(flowNames(flow, which));
      return [...new Set(flowNames(shadow, which).filter((n) => !own.has(n)))];
    };
    extra = { features: minus('features'), graph: minus('graph') };
    byFlow.set(flow, extra);
  }
  return extra;
}
