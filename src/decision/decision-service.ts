// The decision engine's front door: decide (validate + hash the application, append it to the event log, pick the
// flow version for the applicant, read features and graph values once, run, record), shadow evaluations, and
// re-running a recorded decision for replay.
import { FixedClock, newId, type Clock, type Random } from '../core/index.js';
import type { EventAppender } from './batching-appender.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { DecisionRecord, DecisionRecorder } from './decision-record.js';
import type { DecisionResult } from './decision-result.js';
import type { ApplicationEvent, EventPreparer } from './event-preparation.js';
import type { FlowCatalog } from './flow-catalog.js';
import { runFlow, unrunResult, type RunOutcome } from './flow-runner.js';
import { recordedListReader } from './input-recorder.js';
import { EMPTY_VALUES, inputFailure, isPromise, readDecisionInputs, type DecisionInputs, type FlowInputs, type InputFailure, type InputReaders } from './input-reading.js';
import { MISSING_INPUTS, type FeatureReader, type GraphReader, type ListReader } from './readers.js';
import type { FlowRef, Release } from './store/decision-stores.js';
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
  private readonly readers: InputReaders;
  /** Compiled versions by the FlowRef objects of the releases served (releasedFlow). */
  private readonly released = new WeakMap<FlowRef, CompiledFlow>();
  private readonly releaseShadows = new WeakMap<Release, readonly CompiledFlow[]>();

  constructor(private readonly deps: DecisionServiceDeps) {
    this.stopwatch = deps.stopwatch ?? (() => performance.now());
    this.readers = { features: deps.features ?? MISSING_INPUTS, graph: deps.graph ?? MISSING_INPUTS };
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
    const flow = release ? this.releasedFlow(tenant, assignment.flow) : catalog.compiledFlow(tenant, assignment.flow);
    const shadows = release ? this.shadowsOf(tenant, release) : NO_SHADOWS;
    const time = this.deps.clock.now();
    let read: DecisionInputs = NO_VALUES;
    let outcome: RunOutcome;
    let unavailable: InputFailure | undefined;
    try {
      const pending = readDecisionInputs(this.readers, tenant, event, flow, shadows);
      read = isPromise(pending) ? await pending : pending;
      outcome = runFlow(flow, {
        tenant, data: event.data, features: read.features, graph: read.graph, lists: this.deps.lists, time, clock: this.deps.clock, trace: options.trace,
      });
    } catch (err) {
      // A reader that fails (a store down, a name it rejects) is the decision's coded error outcome, audited. A name
      // only a shadow declares cannot get here: readDecisionInputs confines its failure to that shadow.
      unavailable = inputFailure(err);
      outcome = { result: unrunResult(flow, unavailable.code, unavailable.message), inputs: NO_INPUTS };
    }
    const { result, inputs } = outcome;
    if (this.deps.appender && options.append !== false) await this.deps.appender.append(tenant, event);
    const decisionId = newId('dec', this.deps.clock, this.deps.random);
    const latencyMs = this.stopwatch() - started;
    const decided: Decided = { tenant, slot, time, releaseId: release?.id ?? null, event };
    this.record(decided, decisionId, flow, read, unavailable, result, inputs.lists, assignment.variant, null, inputs.models, latencyMs);
    if (!unavailable) {
      for (let i = 0; i < shadows.length; i++) this.runShadow(shadows[i], decided, read.shadows?.[i] ?? read, decisionId);
    }
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

  /** A shadow whose own inputs could not be read records that as its coded error outcome (replay reproduces it). */
  private runShadow(shadow: CompiledFlow, decided: Decided, values: FlowInputs | { readonly failed: InputFailure }, decisionId: string): void {
    const started = this.stopwatch();
    const id = newId('dec', this.deps.clock, this.deps.random);
    if ('failed' in values) {
      const { code, message } = values.failed;
      this.record(decided, id, shadow, NO_VALUES, values.failed, unrunResult(shadow, code, message), {}, 'shadow', decisionId, {}, this.stopwatch() - started);
      return;
    }
    const { tenant, event, time } = decided;
    const { result, inputs } = runFlow(shadow, {
      tenant, data: event.data, features: values.features, graph: values.graph, lists: this.deps.lists, time, clock: this.deps.clock,
    });
    this.record(decided, id, shadow, values, undefined, result, inputs.lists, 'shadow', decisionId, inputs.models, this.stopwatch() - started);
  }

  /**
   * One audit record. A method rather than a closure made per decision: the closure and, under tsx, the name it is
   * given (an Object.defineProperty) cost ~2% of a decision.
   */
  private record(decided: Decided, id: string, f: CompiledFlow, values: FlowInputs, failed: InputFailure | undefined, r: DecisionResult,
    lists: DecisionRecord['inputs']['lists'], variant: Assignment['variant'], shadowOf: string | null, models: Record<string, number>,
    latency: number): void {
    const { recorder } = this.deps;
    if (!recorder) return;
    const { event } = decided;
    recorder.record({
      decisionId: id, tenant: decided.tenant, time: decided.time, slot: decided.slot, variant, releaseId: decided.releaseId, shadowOf,
      flow: { id: f.id, version: f.version }, models,
      event: { id: event.id, time: event.time, applicationId: event.data.applicationId },
      inputs: failed
        ? { data: event.data, features: values.features, graph: values.graph, lists, unavailable: failed }
        : { data: event.data, features: values.features, graph: values.graph, lists },
      result: r, latencyMs: latency,
    });
  }

  /**
   * A version a release names, compiled: remembered by the release's own FlowRef objects, which live as long as the
   * catalog serves that release, so a decision builds no "tenant|id@version" key to find it (versions never change).
   */
  private releasedFlow(tenant: string, ref: FlowRef): CompiledFlow {
    let flow = this.released.get(ref);
    if (!flow) this.released.set(ref, (flow = this.deps.catalog.compiledFlow(tenant, ref)));
    return flow;
  }

  private shadowsOf(tenant: string, release: Release): readonly CompiledFlow[] {
    let shadows = this.releaseShadows.get(release);
    if (!shadows) {
      shadows = release.shadows.length === 0 ? NO_SHADOWS : release.shadows.map((ref) => this.releasedFlow(tenant, ref));
      this.releaseShadows.set(release, shadows);
    }
    return shadows;
  }
}

/** What every record of one decision (its own and its shadows') shares. */
interface Decided {
  readonly tenant: string;
  readonly slot: string;
  readonly time: number;
  readonly releaseId: string | null;
  readonly event: ApplicationEvent;
}

const NO_SHADOWS: readonly CompiledFlow[] = Object.freeze([]);
const NO_VALUES: DecisionInputs = Object.freeze({ features: EMPTY_VALUES, graph: EMPTY_VALUES });
const NO_INPUTS: RunOutcome['inputs'] = Object.freeze({ features: EMPTY_VALUES, graph: EMPTY_VALUES, lists: {}, models: {} });
