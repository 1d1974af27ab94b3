// Validates one raw record against the envelope and its type's data schema, reporting the first problem with a
// stable code and the JSON path where it is. Compiled once (TypeBox's compiler), so validation costs microseconds.

import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { EVENT_DATA_SCHEMAS, EventEnvelope, type ArgusEvent, type EventType } from './event-schemas.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}

export interface RecordProblem {
  /** 0-based index of the record in the batch (for NDJSON, the n-th non-blank line). */
  readonly index: number;
  readonly code: string;
  /** JSON path of the offending value, e.g. "$.data.applicant.phone". */
  readonly path: string;
  readonly message: string;
}

export type Validation =
  | { readonly ok: true; readonly event: ArgusEvent }
  | { readonly ok: false; readonly problem: RecordProblem };

const envelopeCheck = TypeCompiler.Compile(EventEnvelope);
const dataChecks = new Map<string, TypeCheck<TSchema>>(
  Object.entries(EVENT_DATA_SCHEMAS).map(([type, schema]) => [type, TypeCompiler.Compile(schema)]),
);

export function validateEvent(record: unknown, index: number): Validation {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return fail(index, 'INGEST_EVENT_INVALID', '$', 'an event must be a JSON object');
  }
  if (!envelopeCheck.Check(record)) {
    const first = envelopeCheck.Errors(record).First();
    const path = first ? toJsonPath(first.path) : '$';
    const code = path === '$.time' ? 'INGEST_TIME_INVALID' : 'INGEST_EVENT_INVALID';
    return fail(index, code, path, first ? `${first.message}` : 'invalid envelope');
  }
  const envelope = record as { type: string; data: unknown };
  const check = dataChecks.get(envelope.type);
  if (!check) {
    return fail(index, 'INGEST_TYPE_UNKNOWN', '$.type', `unknown event type "${envelope.type}"`);
  }
  if (!check.Check(envelope.data)) {
    const first = check.Errors(envelope.data).First();
    return fail(index, 'INGEST_EVENT_INVALID', `$.data${first ? toJsonPath(first.path).slice(1) : ''}`, first?.message ?? 'invalid data');
  }
  return { ok: true, event: record as ArgusEvent };
}

export function isEventType(type: string): type is EventType {
  return dataChecks.has(type);
}

function fail(index: number, code: string, path: string, message: string): Validation {
  return { ok: false, problem: { index, code, path, message } };
}

/** "/data/contacts/0/phone" -> "$.data.contacts[0].phone" */
function toJsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return '$' + pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
    .join('');
}
