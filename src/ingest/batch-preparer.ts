// Turns raw input into events ready to append: parse (NDJSON), validate, hash PII, serialize. Pure CPU work with no
// I/O, so it can run in the request thread or in a worker thread while the log writes the previous batch.
import { encodeEvent, type EncodedEvent, type PackedEvents } from '../store/index.js';
import type { ArgusEvent } from './event-schemas.js';
import { validateEvent, type RecordProblem } from './event-validator.js';
import type { PiiRedactor } from './pii-redactor.js';

export interface PreparedBatch {
  readonly received: number;
  /** The valid events serialized, one by one; a batch prepared in a worker carries `packed` instead. */
  readonly encoded: EncodedEvent[];
  readonly packed?: PackedEvents;
  /** The hashed events themselves, when prepared in this thread (a worker sends only `encoded`). */
  readonly events?: ArgusEvent[];
  readonly problems: RecordProblem[];
}

/** Prepares already-parsed records; a problem's index is the record's position. */
export function prepareRecords(records: readonly unknown[], redactor: PiiRedactor): PreparedBatch {
  const batch: PreparedBatch = { received: records.length, encoded: [], events: [], problems: [] };
  for (let i = 0; i < records.length; i++) prepareOne(records[i], undefined, i, redactor, batch);
  return batch;
}

/** Prepares NDJSON text: one event per line, blank lines ignored; a line that is not JSON is INGEST_JSON_MALFORMED. */
export function prepareNdjson(text: string, redactor: PiiRedactor): PreparedBatch {
  const lines = splitLines(text);
  const batch: PreparedBatch = { received: lines.length, encoded: [], events: [], problems: [] };
  for (let i = 0; i < lines.length; i++) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines[i]);
    } catch (err) {
      batch.problems.push({ index: i, code: 'INGEST_JSON_MALFORMED', path: '$', message: (err as Error).message });
      continue;
    }
    prepareOne(parsed, lines[i], i, redactor, batch);
  }
  return batch;
}

/**
 * Validates, hashes and serializes one record into `batch`. A valid record with nothing to hash is stored as the
 * line it came in (its schema admits no unknown fields, so the line says exactly what the object does), which spares
 * serializing the repayment and instalment events that make up most of a loan book's stream.
 */
function prepareOne(record: unknown, line: string | undefined, index: number, redactor: PiiRedactor, batch: PreparedBatch): void {
  const result = validateEvent(record, index);
  if (!result.ok) {
    batch.problems.push(result.problem);
    return;
  }
  const event = redactor.redact(result.event);
  batch.events?.push(event);
  batch.encoded.push(
    line !== undefined && !redactor.hasPii(event.type)
      ? { id: event.id, type: event.type, time: Date.parse(event.time), body: line }
      : encodeEvent(event),
  );
}

function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() !== '') out.push(trimmed);
  }
  return out;
}
