// The ingest pipeline: parse -> validate -> hash PII -> append to the event log, in batches.
//
// Batch semantics (documented in docs/api.md): records are judged one by one. In the default ("partial") mode every
// valid record is appended and every invalid one is reported with its index, code and JSON path; nothing valid is
// lost because a neighbour was bad. In atomic mode a batch with any invalid record appends nothing.
// A record whose id the tenant already logged is acknowledged as a duplicate and not appended again.

import { RiskError } from '../core/index.js';
import { encodeEvent, type ArgusEventRecord, type EventLog } from '../store/index.js';
import type { ArgusEvent } from './event-schemas.js';
import type { RecordProblem } from './event-validator.js';
import { PiiRedactor } from './pii-redactor.js';
import type { KeyedHasher } from './keyed-hasher.js';
import { prepareNdjson, prepareRecords, type PreparedBatch } from './batch-preparer.js';
import { ParallelPreparer } from './parallel-preparer.js';

export interface IngestOptions {
  /** Append nothing if any record is invalid. */
  readonly atomic?: boolean;
}

export interface IngestResult {
  readonly received: number;
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: readonly RecordProblem[];
  /** Offset of the last record this call appended, for consumers that want to wait for it. */
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
  readonly redactor: PiiRedactor;
  private readonly listeners: AppendListener[] = [];
  private inFlight = 0;

  constructor(private readonly log: EventLog, private readonly hasher: KeyedHasher) {
    this.redactor = new PiiRedactor(hasher);
  }

  /** A worker thread that prepares batches with this ingestor's key; the caller closes it. */
  startWorker(): ParallelPreparer {
    return new ParallelPreparer(this.hasher.keyForWorker());
  }

  /** Appends handed to the log and not yet acknowledged (their listeners not yet called). */
  get appendsInFlight(): number {
    return this.inFlight;
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
    checkSize(records.length);
    return this.appendPrepared(tenant, prepareRecords(records, this.redactor), options);
  }

  /** Ingests NDJSON text: one event per line, blank lines ignored; a problem's index is its n-th non-blank line. */
  async ingestNdjson(tenant: string, text: string, options: IngestOptions = {}): Promise<IngestResult> {
    const batch = prepareNdjson(text, this.redactor);
    checkSize(batch.received);
    return this.appendPrepared(tenant, batch, options);
  }

  /** Appends events already validated and hashed in this process (decide's applications): no second validation. */
  async appendEvents(tenant: string, events: ArgusEvent[]): Promise<IngestResult> {
    checkSize(events.length);
    return this.appendPrepared(tenant, { received: events.length, encoded: events.map(encodeEvent), events, problems: [] });
  }

  /** Appends a batch prepared here or in a worker thread (see parallel-preparer.ts). */
  async appendPrepared(tenant: string, batch: PreparedBatch, options: IngestOptions = {}): Promise<IngestResult> {
    const { received, problems } = batch;
    if (options.atomic && problems.length > 0) {
      return { received, appended: 0, duplicates: 0, rejected: problems, lastOffset: null };
    }
    this.inFlight++;
    let outcome: Awaited<ReturnType<EventLog['append']>>;
    try {
      outcome = batch.packed ? await this.log.appendPacked(tenant, batch.packed) : await this.log.append(tenant, batch.encoded);
    } finally {
      // Listeners run below in this same task, so nothing sees the count drop before they have the events.
      this.inFlight--;
    }
    // Listeners need the events; a worker-prepared batch has only their JSON, unpacked here only when someone listens.
    const bodies = batch.packed && this.listeners.length > 0 ? batch.packed.bodies.split('\n') : undefined;
    let lastOffset: number | null = null;
    const appended: AppendedEvent[] = [];
    for (let i = 0; i < outcome.offsets.length; i++) {
      const offset = outcome.offsets[i];
      if (offset === null) continue;
      lastOffset = offset;
      if (this.listeners.length > 0) {
        const event = batch.events?.[i] ?? (JSON.parse(bodies ? bodies[i] : batch.encoded[i].body) as ArgusEventRecord as ArgusEvent);
        appended.push({ offset, event });
      }
    }
    for (const listener of this.listeners) listener(tenant, appended);
    return { received, appended: outcome.appended, duplicates: outcome.duplicates, rejected: problems, lastOffset };
  }
}

function checkSize(received: number): void {
  if (received > MAX_BATCH_RECORDS) {
    throw new RiskError('INGEST_BATCH_TOO_LARGE', `a batch holds at most ${MAX_BATCH_RECORDS} records`, {
      received,
      limit: MAX_BATCH_RECORDS,
    });
  }
}
