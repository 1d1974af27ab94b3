// Runs one compiled flow for one application: builds the variables (event fields, feature and graph values), walks
// the nodes, and turns a failure into a coded error outcome (never a wrong answer). Pure given its inputs: the same
// request gives the same result, which is what replay and backtest rely on.
import { isRiskError, type Clock } from '../core/index.js';
import type { CompiledFlow } from './compiled-flow.js';
import type { DecisionResult } from './decision-result.js';
import { DecisionState } from './decision-state.js';
import { InputRecorder, type RecordedInputs } from './input-recorder.js';
import { topReasons } from './nodes/output-node.js';
import type { InputValues, ListReader } from './readers.js';

export interface RunRequest {
  readonly tenant: string;
  /** The application event's data, identifiers already hashed. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly features: InputValues;
  readonly graph: InputValues;
  readonly lists: ListReader;
  /** Decision time, ms. */
  readonly time: number;
  readonly clock: Clock;
  readonly trace?: boolean;
  /** Return the flow's variables as they were when it ended (exports of model inputs; off on the decision path). */
  readonly keepVariables?: boolean;
}

export interface RunOutcome {
  readonly result: DecisionResult;
  readonly inputs: RecordedInputs;
  /** With keepVariables: every variable of the flow at its end. */
  readonly variables?: Readonly<Record<string, unknown>>;
}

// Every declared variable starts as null. A decision's variables object is a copy of a per-flow template that holds
// every name the flow can read or set, made by JSON.parse so that V8 gives it one fixed shape: copies keep that shape
// (a cheap clone), setting a variable never changes it, and every CEL read is a lookup in a known shape rather than
// in a hash table. (Adding ~100 properties one by one per decision would make a slow dictionary object.)
const templates = new WeakMap<CompiledFlow, Record<string, unknown>>();

function template(flow: CompiledFlow): Record<string, unknown> {
  let t = templates.get(flow);
  if (!t) {
    const names: Record<string, null | number | boolean> = {};
    for (const name of Object.keys(flow.declarations)) names[name] = null;
    names.points = 0;
    names.rejected = false;
    names.reviewed = false;
    t = JSON.parse(JSON.stringify(names)) as Record<string, unknown>;
    templates.set(flow, t);
  }
  return t;
}

export function runFlow(flow: CompiledFlow, request: RunRequest): RunOutcome {
  const vars = { ...template(flow) };
  vars.app = request.data;
  vars.time_ms = request.time;
  for (const v of flow.eventVariables) vars[v.name] = readPath(request.data, v.path);
  for (const f of flow.features) vars[f.as] = request.features[f.name] ?? null;
  for (const g of flow.graph) vars[g.as] = request.graph[g.name] ?? null;
  const recorder = new InputRecorder(request.lists, request.features, request.graph);
  const state = new DecisionState(
    vars, request.tenant, request.time, recorder, request.trace === true, request.clock,
    flow.limits, request.clock.now() + flow.limits.timeoutMs,
  );
  let result: DecisionResult;
  try {
    flow.runNodes(state, request.clock);
    result = state.final ?? errorResult(state, flow, 'DECISION_OUTPUT_MISSING', 'the flow ended without reaching an output node');
  } catch (err) {
    const code = isRiskError(err) ? err.code : 'DECISION_NODE_FAILED';
    const details = isRiskError(err) ? err.details : {};
    result = errorResult(state, flow, code, (err as Error)?.message ?? String(err), details.node as string, details.item as string);
  }
  if (state.trace) result = { ...result, trace: state.trace };
  return request.keepVariables ? { result, inputs: recorder.recorded(), variables: vars } : { result, inputs: recorder.recorded() };
}

/** The result of a decision that could not run at all (its inputs could not be read): a coded error outcome. */
export function unrunResult(flow: CompiledFlow, code: string, message: string): DecisionResult {
  return {
    outcome: flow.onError === 'review' ? 'review' : 'error',
    creditLimit: null, price: null, term: null, reasons: [], tags: [], variables: {}, missing: [],
    error: { code, message },
  };
}

function errorResult(state: DecisionState, flow: CompiledFlow, code: string, message: string, node?: string, item?: string): DecisionResult {
  const error = { code, message, ...(node !== undefined ? { node } : {}), ...(item !== undefined ? { item } : {}) };
  return {
    outcome: flow.onError === 'review' ? 'review' : 'error',
    creditLimit: null,
    price: null,
    term: null,
    reasons: topReasons(state.reasons, 5),
    tags: [...state.tags],
    variables: {},
    missing: state.missing,
    error,
  };
}

function readPath(data: unknown, path: readonly string[]): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return at ?? null;
}
