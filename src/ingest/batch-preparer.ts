// Turns raw input into events ready to append: parse (NDJSON), validate, hash PII, serialize. Pure CPU work with no
// I/O, so it can run in the request thread or in a worker thread while the log writes the previous batch.
import { encodeEvent, type EncodedEvent } from '../store/index.js';
import type { ArgusEvent } from './event-schemas.js';
import { validateEvent, type RecordProblem } from './event-validator.js';
import type { PiiRedactor } from './pii-redactor.js';

export interface PreparedBatch {
  readonly received: number;
  readonly encoded: EncodedEvent[];
  /** The hashed events themselves, when prepared in this thread (a worker sends only `encoded`). */
  readonly events?: ArgusEvent[];
  readonly problems: RecordProblem[];
}

/** Prepares already-parsed records; problem indices are `baseIndex` + position. */
export function prepareRecords(records: readonly unknown[], redactor: PiiRedactor, baseIndex = 0): PreparedBatch {
  const events: ArgusEvent[] = [];
  const encoded: EncodedEvent[] = [];
  const problems: RecordProblem[] = [];
  for (let i = 0; i < records.length; i++) {
    const result = validateEvent(records[i], baseIndex + i);
    if (!result.ok) {
      problems.push(result.problem);
      continue;
    }
    const event = redactor.redact(result.event);
    events.push(event);
    encoded.push(encodeEvent(event));
  }
  return { received: records.length, encoded, events, problems };
}

/** Prepares NDJSON text: one event per line, blank lines ignored; a line that is not JSON is INGEST_JSON_MALFORMED. */
export function prepareNdjson(text: string, redactor: PiiRedactor, baseIndex = 0): PreparedBatch {
  const lines = splitLines(text);
  const parsed: unknown[] = new Array(lines.length);
  const malformed: RecordProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    try {
      parsed[i] = JSON.parse(lines[i]);
    } catch (err) {
      malformed.push({ index: baseIndex + i, code: 'INGEST_JSON_MALFORMED', path: '$', message: (err as Error).message });
      parsed[i] = MALFORMED;
    }
  }
  if (malformed.length === 0) return prepareRecords(parsed, redactor, baseIndex);
  const events: ArgusEvent[] = [];
  const encoded: EncodedEvent[] = [];
  const problems: RecordProblem[] = [];
  let m = 0;
  for (let i = 0; i < parsed.length; i++) {
    if (parsed[i] === MALFORMED) {
      problems.push(malformed[m++]);
      continue;
    }
    const one = prepareRecords([parsed[i]], redactor, baseIndex + i);
    problems.push(...one.problems);
    events.push(...(one.events ?? []));
    encoded.push(...one.encoded);
  }
  return { received: lines.length, encoded, events, problems };
}

const MALFORMED = Symbol('malformed');

export function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() !== '') out.push(trimmed);
  }
  return out;
}
