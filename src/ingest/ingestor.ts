// The ingest pipeline: parse -> validate -> hash PII -> append to the event log, in batches.
//
// Batch semantics (documented in docs/api.md): records are judged one by one. In the default ("partial") mode every
// valid record is appended and every invalid one is reported with its index, code and JSON path; nothing valid is
// lost because a neighbour was bad. In atomic mode a batch with any invalid record appends nothing.
// A record whose id the tenant already logged is acknowledged as a duplicate and not appended again.

import { RiskError } from '../core/index.js';
import type { EventLog } from '../store/index.js';
import type { ArgusEvent } from './event-schemas.js';
import { validateEvent, type RecordProblem } from './event-validator.js';
import { PiiRedactor } from './pii-redactor.js';
import type { KeyedHasher } from './keyed-hasher.js';

export interface IngestOptions {
  /** Append nothing if any record is invalid. */
  readonly atomic?: boolean;
}

export interface IngestResult {
  readonly received: number;
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: readonly RecordProblem[];
  /** Offsets of the records appended by this call (ascending), for consumers that want to wait for them. */
  readonly lastOffset: number | null;
}

export const MAX_BATCH_RECORDS = 50_000;

/** Called after each durable append with the events just logged, in offset order (embedded mode's live feed). */
export type AppendListener = (tenant: string, appended: readonly AppendedEvent[]) => void;

export interface AppendedEvent {
  readonly offset: number;
  readonly event: ArgusEvent;
}

export class Ingestor {
  private readonly redactor: PiiRedactor;
  private readonly listeners: AppendListener[] = [];

  constructor(private readonly log: EventLog, hasher: KeyedHasher) {
    this.redactor = new PiiRedactor(hasher);
  }

  /** Engines that keep live state (features, graph) subscribe here to see each event as soon as it is durable. */
  subscribe(listener: AppendListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Ingests already-parsed records (a JSON body). Problems carry `index` = position in `records`. */
  async ingestRecords(tenant: string, records: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
    if (records.length > MAX_BATCH_RECORDS) {
      throw new RiskError('INGEST_BATCH_TOO_LARGE', `a batch holds at most ${MAX_BATCH_RECORDS} records`, {
        received: records.length,
        limit: MAX_BATCH_RECORDS,
      });
    }
    const valid: ArgusEvent[] = [];
    const rejected: RecordProblem[] = [];
    for (let i = 0; i < records.length; i++) {
      const result = validateEvent(records[i], i);
      if (result.ok) valid.push(result.event);
      else rejected.push(result.problem);
    }
    return this.appendValid(tenant, records.length, valid, rejected, options);
  }

  /**
   * Ingests NDJSON text: one event per line, blank lines ignored. A line that is not JSON is rejected with
   * INGEST_JSON_MALFORMED at its index. `baseIndex` offsets indices when a long file is fed in chunks.
   */
  async ingestNdjson(tenant: string, text: string, options: IngestOptions = {}, baseIndex = 0): Promise<IngestResult> {
    const lines = splitLines(text);
    if (lines.length > MAX_BATCH_RECORDS) {
      throw new RiskError('INGEST_BATCH_TOO_LARGE', `a batch holds at most ${MAX_BATCH_RECORDS} records`, {
        received: lines.length,
        limit: MAX_BATCH_RECORDS,
      });
    }
    const valid: ArgusEvent[] = [];
    const rejected: RecordProblem[] = [];
    for (let i = 0; i < lines.length; i++) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(lines[i]);
      } catch (err) {
        rejected.push({ index: baseIndex + i, code: 'INGEST_JSON_MALFORMED', path: '$', message: (err as Error).message });
        continue;
      }
      const result = validateEvent(parsed, baseIndex + i);
      if (result.ok) valid.push(result.event);
      else rejected.push(result.problem);
    }
    return this.appendValid(tenant, lines.length, valid, rejected, options);
  }

  private async appendValid(
    tenant: string,
    received: number,
    valid: ArgusEvent[],
    rejected: RecordProblem[],
    options: IngestOptions,
  ): Promise<IngestResult> {
    if (options.atomic && rejected.length > 0) {
      return { received, appended: 0, duplicates: 0, rejected, lastOffset: null };
    }
    for (const event of valid) this.redactor.redact(event);
    const outcome = await this.log.append(tenant, valid);
    let lastOffset: number | null = null;
    const appended: AppendedEvent[] = [];
    for (let i = 0; i < outcome.offsets.length; i++) {
      const offset = outcome.offsets[i];
      if (offset === null) continue;
      lastOffset = offset;
      if (this.listeners.length > 0) appended.push({ offset, event: valid[i] });
    }
    for (const listener of this.listeners) listener(tenant, appended);
    return { received, appended: outcome.appended, duplicates: outcome.duplicates, rejected, lastOffset };
  }
}

function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() !== '') out.push(trimmed);
  }
  return out;
}
