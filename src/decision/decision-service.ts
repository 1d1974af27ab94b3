// The decision engine's front door: decide (validate + hash the application, append it to the event log, pick the
// flow version for the applicant, read features and graph values once, run, record), shadow evaluations, and
// re-running a recorded decision for replay.
import { FixedClock, isRiskError, newId, type Clock, type Random } from '../core/index.js';
import type { ArgusEventRecord } from '../store/index.js';
import type { EventAppender } from './batching-appender.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { DecisionRecord, DecisionRecorder } from './decision-record.js';
import type { DecisionResult } from './decision-result.js';
import type { ApplicationEvent, EventPreparer } from './event-preparation.js';
import type { FlowCatalog } from './flow-catalog.js';
import { runFlow, unrunResult, type RunOutcome } from './flow-runner.js';
import { recordedListReader } from './input-recorder.js';
import { MISSING_INPUTS, type FeatureReader, type GraphReader, type InputValues, type ListReader } from './readers.js';
import type { FlowRef } from './store/decision-stores.js';
import { assign, type Assignment } from './traffic-split.js';

export interface DecisionServiceDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly catalog: FlowCatalog;
  readonly lists: ListReader;
  readonly preparer: EventPreparer;
  readonly features?: FeatureReader;
  readonly graph?: GraphReader;
  readonly recorder?: DecisionRecorder;
  /** Appends the application to the event log before deciding (group commit); absent: nothing is appended. */
  readonly appender?: EventAppender;
  /** Monotonic milliseconds for latency; default performance.now. */
  readonly stopwatch?: () => number;
}

export interface DecideOptions {
  /** Include the node-by-node trace in the response and the audit record. */
  readonly trace?: boolean;
  /** Append the application to the event log first (default true when an appender is wired). */
  readonly append?: boolean;
  /** Bypass the release: run this version. */
  readonly pin?: FlowRef;
}

export interface DecisionResponse extends DecisionResult {
  readonly decisionId: string;
  readonly applicationId: string;
  readonly flow: FlowRef;
  readonly variant: Assignment['variant'];
  readonly latencyMs: number;
}

export class DecisionService {
  private readonly stopwatch: () => number;
  private readonly features: FeatureReader;
  private readonly graph: GraphReader;

  constructor(private readonly deps: DecisionServiceDeps) {
    this.stopwatch = deps.stopwatch ?? (() => performance.now());
    this.features = deps.features ?? MISSING_INPUTS;
    this.graph = deps.graph ?? MISSING_INPUTS;
  }

  /** Decides on a request body (an application.submitted event or its data). */
  async decide(tenant: string, slot: string, body: unknown, options: DecideOptions = {}): Promise<DecisionResponse> {
    return this.decideEvent(tenant, slot, this.deps.preparer.prepare(body), options);
  }

  /**
   * Decides on an already validated and hashed event. Order: read features and graph values (as of the event, not
   * yet applied), run, append the application to the log (group commit; awaited, so an answered application is
   * durable), record the audit record, evaluate shadows.
   */
  async decideEvent(tenant: string, slot: string, event: ApplicationEvent, options: DecideOptions = {}): Promise<DecisionResponse> {
    const started = this.stopwatch();
    const { catalog } = this.deps;
    const release = options.pin ? null : catalog.serving(tenant, slot);
    const assignment: Assignment = options.pin
      ? { flow: options.pin, variant: 'pinned', bucket: -1 }
      : release
        ? assign(release, event.data.applicant.idNumber)
        : { flow: catalog.latest(tenant, slot), variant: 'latest', bucket: -1 };
    const flow = catalog.compiledFlow(tenant, assignment.flow);
    const shadows = release ? release.shadows.map((ref) => catalog.compiledFlow(tenant, ref)) : [];
    const time = this.deps.clock.now();
    let features: InputValues = EMPTY;
    let graph: InputValues = EMPTY;
    let outcome: RunOutcome;
    let unavailable: { code: string; message: string } | undefined;
    try {
      const flows = shadows.length === 0 ? [flow] : [flow, ...shadows];
      const read = this.readInputs(tenant, event, flows);
      ({ features, graph } = isPromise(read) ? await read : read);
      outcome = runFlow(flow, {
        tenant, data: event.data, features, graph, lists: this.deps.lists, time, clock: this.deps.clock, trace: options.trace,
      });
    } catch (err) {
      // A reader that fails (a store down, a name it rejects) is the decision's coded error outcome, audited.
      unavailable = { code: isRiskError(err) ? err.code : 'DECISION_INPUT_UNAVAILABLE', message: `inputs could not be read: ${(err as Error)?.message ?? String(err)}` };
      outcome = { result: unrunResult(flow, unavailable.code, unavailable.message), inputs: NO_INPUTS };
    }
    const { result, inputs } = outcome;
    if (this.deps.appender && options.append !== false) await this.deps.appender.append(tenant, event);
    const decisionId = newId('dec', this.deps.clock, this.deps.random);
    const latencyMs = this.stopwatch() - started;
    const record = (id: string, f: CompiledFlow, r: DecisionResult, lists: DecisionRecord['inputs']['lists'], variant: Assignment['variant'],
      shadowOf: string | null, models: Record<string, number>, latency: number): void => {
      this.deps.recorder?.record({
        decisionId: id, tenant, time, slot, variant, releaseId: release?.id ?? null, shadowOf,
        flow: { id: f.id, version: f.version }, models,
        event: { id: event.id, time: event.time, applicationId: event.data.applicationId },
        inputs: unavailable ? { data: event.data, features, graph, lists, unavailable } : { data: event.data, features, graph, lists },
        result: r, latencyMs: latency,
      });
    };
    record(decisionId, flow, result, inputs.lists, assignment.variant, null, inputs.models, latencyMs);
    if (!unavailable) for (const shadow of shadows) this.runShadow(shadow, tenant, event, features, graph, time, decisionId, record);
    return {
      decisionId,
      applicationId: event.data.applicationId,
      flow: { id: flow.id, version: flow.version },
      variant: assignment.variant,
      latencyMs,
      ...result,
    };
  }

  /** Re-runs a recorded decision: pinned flow version, recorded inputs, recorded time. */
  rerun(record: DecisionRecord): DecisionResult {
    const flow = this.deps.catalog.compiledFlow(record.tenant, record.flow);
    const failed = record.inputs.unavailable;
    if (failed) return unrunResult(flow, failed.code, failed.message);
    const clock = new FixedClock(record.time);
    return runFlow(flow, {
      tenant: record.tenant,
      data: record.inputs.data,
      features: record.inputs.features,
      graph: record.inputs.graph,
      lists: recordedListReader(record.inputs.lists),
      time: record.time,
      clock,
      trace: record.result.trace !== undefined,
    }).result;
  }

  /**
   * One batched read per reader for every name any of the flows needs (the shadows see the same values). Readers
   * that answer synchronously (in-memory engines) are not wrapped in promises: no extra microtask per decision.
   */
  private readInputs(tenant: string, event: ArgusEventRecord, flows: readonly CompiledFlow[]):
    { features: InputValues; graph: InputValues } | Promise<{ features: InputValues; graph: InputValues }> {
    const features = readNames(this.features, tenant, event, namesOf(flows, 'features'));
    const graph = readNames(this.graph, tenant, event, namesOf(flows, 'graph'));
    if (isPromise(features) || isPromise(graph)) return Promise.all([features, graph]).then(([f, g]) => ({ features: f, graph: g }));
    return { features, graph };
  }

  private runShadow(
    shadow: CompiledFlow, tenant: string, event: ApplicationEvent, features: InputValues, graph: InputValues, time: number,
    decisionId: string, record: (id: string, f: CompiledFlow, r: DecisionResult, lists: DecisionRecord['inputs']['lists'],
      variant: Assignment['variant'], shadowOf: string | null, models: Record<string, number>, latency: number) => void,
  ): void {
    const started = this.stopwatch();
    const { result, inputs } = runFlow(shadow, { tenant, data: event.data, features, graph, lists: this.deps.lists, time, clock: this.deps.clock });
    record(newId('dec', this.deps.clock, this.deps.random), shadow, result, inputs.lists, 'shadow', decisionId, inputs.models, this.stopwatch() - started);
  }
}

const EMPTY: InputValues = Object.freeze({});

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
const NO_INPUTS: RunOutcome['inputs'] = Object.freeze({ features: EMPTY, graph: EMPTY, lists: {}, models: {} });
const knownCache = new WeakMap<readonly string[], WeakMap<string[], string[]>>();

/** Reads the names the reader knows; the rest stay absent, which the flow reads as missing (null). */
function readNames(reader: FeatureReader, tenant: string, event: ArgusEventRecord, names: string[]): InputValues | Promise<InputValues> {
  if (names.length === 0) return EMPTY;
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
  return wanted.length === 0 ? EMPTY : reader.read(tenant, event, wanted);
}

const unions = new Map<string, string[]>();

function namesOf(flows: readonly CompiledFlow[], which: 'features' | 'graph'): string[] {
  if (flows.length === 1) return flowNames(flows[0], which);
  const key = `${which}|${flows.map((f) => `${f.id}@${f.version}`).join(',')}`;
  let union = unions.get(key);
  if (!union) {
    union = [...new Set(flows.flatMap((f) => flowNames(f, which)))];
    if (unions.size > 1000) unions.clear();
    unions.set(key, union);
  }
  return union;
}

const perFlow = new WeakMap<CompiledFlow, { features: string[]; graph: string[] }>();
function flowNames(flow: CompiledFlow, which: 'features' | 'graph'): string[] {
  let names = perFlow.get(flow);
  if (!names) {
    names = { features: flow.features.map((f) => f.name), graph: flow.graph.map((g) => g.name) };
    perFlow.set(flow, names);
  }
  return names[which];
}
