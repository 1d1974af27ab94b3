// An audit record at rest. Since format 2 a record's body is one JSON array, its fields by position, without the
// fields the row's index columns already hold (tenant, id, time, flow, variant, shadowOf, outcome, applicationId), its
// reasons and missing reads flat (five and four values each), and its feature and graph values against their shape
// (input-shapes.ts). Every byte of a body is paid for several times — serialised on the deciding thread, copied to the
// writer thread, masked, written — and so is every object made to serialise it: the object bodies with their keys,
// copies and tuples (format 1) were ~2,600 bytes a demo record, ~420 of them the envelope's keys and values that the
// index columns repeat. Bodies written before (objects: records with or without shapes and tuples) read as ever.
import { RiskError } from '../core/index.js';
import type { DecisionRecord, DecisionResult, InputValues, MissingRead, Reason } from '../decision/index.js';
import { expandResult, storedMissing, storedReason, type StoredMissing, type StoredReason } from './compact-result.js';
import { decodeValues, type EncodedValues, type ShapeEncoder } from './input-shapes.js';

export const RECORD_FORMAT = 2;

/** A row of the decisions table as read back: its index columns and its body. */
export interface RecordRow {
  readonly tenant: string;
  readonly id: string;
  readonly time: number;
  readonly flow_id: string;
  readonly flow_version: number;
  readonly variant: string;
  readonly shadow_of: string | null;
  readonly outcome: string;
  readonly application_id: string;
  readonly body: string;
}

/** The columns decodeRecord needs, for SELECT. */
export const RECORD_COLUMNS = 'tenant, id, time, flow_id, flow_version, variant, shadow_of, outcome, application_id, body';

// Every field of a record and of a result is either a column or has a place below; adding one to DecisionRecord or
// DecisionResult without a place here fails the typecheck (a field left out would be lost, and replay would differ).
type Placed<T, K extends keyof T> = Exclude<keyof T, K> extends never ? true : never;
const RECORD_PLACED: Placed<DecisionRecord, 'decisionId' | 'tenant' | 'time' | 'slot' | 'variant' | 'releaseId' | 'shadowOf' | 'flow'
  | 'models' | 'event' | 'inputs' | 'result' | 'latencyMs'> = true;
const INPUTS_PLACED: Placed<DecisionRecord['inputs'], 'data' | 'features' | 'graph' | 'lists' | 'unavailable'> = true;
const RESULT_PLACED: Placed<DecisionResult, 'outcome' | 'creditLimit' | 'price' | 'term' | 'reasons' | 'tags' | 'variables' | 'missing'
  | 'error' | 'output' | 'trace'> = true;
void [RECORD_PLACED, INPUTS_PLACED, RESULT_PLACED];

/**
 * The body of a record, format 2: [2, slot, releaseId, models, event id, event time, data, features, graph, lists,
 * unavailable, creditLimit, price, term, reasons, tags, variables, missing, error, output, trace, latencyMs]; an
 * absent optional field is null.
 */
export function encodeRecord(record: DecisionRecord, shapes: ShapeEncoder): string {
  const { inputs, result } = record;
  return JSON.stringify([
    RECORD_FORMAT, record.slot, record.releaseId, record.models, record.event.id, record.event.time,
    inputs.data, shapes.encode(inputs.features), shapes.encode(inputs.graph), inputs.lists, inputs.unavailable ?? null,
    result.creditLimit, result.price, result.term, flatReasons(result.reasons), result.tags, result.variables, flatMissing(result.missing),
    result.error ?? null, result.output ?? null, result.trace ?? null, record.latencyMs,
  ]);
}

/** The record again from its row: format 2 by position and columns; bodies written before, as they are. */
export function decodeRecord(row: RecordRow, namesOf: (shapeId: string) => readonly string[]): DecisionRecord {
  const stored = JSON.parse(row.body) as unknown;
  if (!Array.isArray(stored)) return decodeObject(stored as DecisionRecord, namesOf);
  if (stored[0] !== RECORD_FORMAT) {
    throw new RiskError('AUDIT_RECORD_FORMAT_UNKNOWN', `audit record ${row.id} is stored in format ${String(stored[0])}, which this version cannot read`, {
      decisionId: row.id, format: stored[0],
    });
  }
  const [, slot, releaseId, models, eventId, eventTime, data, features, graph, lists, unavailable,
    creditLimit, price, term, reasons, tags, variables, missing, error, output, trace, latencyMs] = stored;
  const result: Record<string, unknown> = {
    outcome: row.outcome, creditLimit, price, term, reasons: expandReasons(reasons), tags, variables, missing: expandMissing(missing),
  };
  if (error !== null) result.error = error;
  if (output !== null) result.output = output;
  if (trace !== null) result.trace = trace;
  const values = {
    data,
    features: decodeValues(features as EncodedValues | InputValues, namesOf),
    graph: decodeValues(graph as EncodedValues | InputValues, namesOf),
    lists,
  };
  return {
    decisionId: row.id, tenant: row.tenant, time: row.time, slot, variant: row.variant, releaseId, shadowOf: row.shadow_of,
    flow: { id: row.flow_id, version: row.flow_version }, models,
    event: { id: eventId, time: eventTime, applicationId: row.application_id },
    inputs: unavailable === null ? values : { ...values, unavailable },
    result: result as unknown as DecisionResult,
    latencyMs,
  } as DecisionRecord;
}

/** Format 1: the record as an object (feature and graph values possibly against shapes, results possibly with tuples). */
function decodeObject(stored: DecisionRecord, namesOf: (shapeId: string) => readonly string[]): DecisionRecord {
  const { inputs } = stored;
  return {
    ...stored,
    inputs: { ...inputs, features: decodeValues(inputs.features, namesOf), graph: decodeValues(inputs.graph, namesOf) },
    result: expandResult(stored.result),
  };
}

/** code, node, item or null, tier, weight; reason after reason. */
function flatReasons(reasons: readonly Reason[]): unknown[] {
  const out = new Array<unknown>(reasons.length * 5);
  for (let i = 0, o = 0; i < reasons.length; i++, o += 5) {
    const r = reasons[i];
    out[o] = r.code;
    out[o + 1] = r.node;
    out[o + 2] = r.item ?? null;
    out[o + 3] = r.tier;
    out[o + 4] = r.weight;
  }
  return out;
}

function expandReasons(flat: unknown[]): Reason[] {
  const out: Reason[] = [];
  for (let o = 0; o + 4 < flat.length; o += 5) {
    out.push(storedReason(flat.slice(o, o + 5) as StoredReason));
  }
  return out;
}

/** node, item or null, variable, policy; read after read. */
function flatMissing(missing: readonly MissingRead[]): unknown[] {
  const out = new Array<unknown>(missing.length * 4);
  for (let i = 0, o = 0; i < missing.length; i++, o += 4) {
    const m = missing[i];
    out[o] = m.node;
    out[o + 1] = m.item ?? null;
    out[o + 2] = m.variable;
    out[o + 3] = m.policy;
  }
  return out;
}

function expandMissing(flat: unknown[]): MissingRead[] {
  const out: MissingRead[] = [];
  for (let o = 0; o + 3 < flat.length; o += 4) {
    out.push(storedMissing(flat.slice(o, o + 4) as StoredMissing));
  }
  return out;
}
