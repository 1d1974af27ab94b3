// Audit records on SQLite (WAL). Writes are batched off the response path: records are serialised when decided
// (by position, without what the index columns hold, feature and graph values without their names: record-layout.ts,
// input-shapes.ts), queued, and handed every `flushMs` (default 50 ms) or `maxBatch` records (default 25) to a
// writer thread that masks their identifiers and writes what has queued up in one transaction (nothing unmasked
// reaches the disk). Guarantee: a record survives a process crash once its batch is written (normally within flushMs
// plus a few ms of the decision); synchronous=NORMAL means the last batches before a power loss may be lost (the
// decided application itself is in the fsynced event log). A batch the writer cannot write (the file locked for
// longer than retryForMs, a full disk) comes back and is kept and written from this thread: never dropped while the
// process lives; flush() throws AUDIT_WRITE_FAILED while any is unwritten. ':memory:' stores write in-thread.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RiskError } from '../core/index.js';
import type { DecisionRecord } from '../decision/index.js';
import { createRequire } from 'node:module';
import {
  AUDIT_BUSY_TIMEOUT_MS, AUDIT_INSERT, AUDIT_INSERT_SHAPE, AUDIT_SCHEMA, auditPragmas, AUDIT_WRITER_MODULE, AUDIT_WRITER_ROLE, openAuditTable, type AuditBatch, type AuditIndexValue,
} from './audit-schema.js';
import type { AuditQuery, AuditStore } from './audit-store.js';
import { ShapeEncoder } from './input-shapes.js';
import { decodeRecord, encodeRecord, RECORD_COLUMNS, type RecordRow } from './record-layout.js';

export interface AuditStoreOptions {
  readonly flushMs?: number;
  readonly maxBatch?: number;
  /** SQLite busy_timeout of the store's connections (default AUDIT_BUSY_TIMEOUT_MS). */
  readonly busyTimeoutMs?: number;
  /** How long the writer thread keeps trying a batch the file is locked against before handing it back (default 60 s). */
  readonly retryForMs?: number;
}

/** A batch handed back is tried here again at most this often, waiting at most UNWRITTEN_BUSY_MS for the lock. */
const UNWRITTEN_RETRY_MS = 5000;
const UNWRITTEN_BUSY_MS = 50;

export class SqliteAuditStore implements AuditStore {
  private readonly db: Database.Database;
  /** Queued records: their JSON bodies, and their index columns flat (see writeBatch in audit-writer.cjs). */
  private bodies: string[] = [];
  private index: AuditIndexValue[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly writeHere: (batch: AuditBatch) => void;
  private writer: Worker | null;
  private readonly written: Int32Array;
  private sent = 0;
  private closing = false;
  /** Batches handed to the writer and not yet confirmed written, by sequence number. */
  private readonly inflight = new Map<number, AuditBatch>();
  private readonly shapes = new ShapeEncoder();
  /** Shape names read back, by id. */
  private readonly shapeNames = new Map<string, readonly string[]>();
  /** Where the writer reports batches it could not write (read synchronously: see takeFailures). */
  private readonly failures: MessagePort | null = null;
  /** Batches neither the writer nor this thread could write yet, oldest first. */
  private unwritten: AuditBatch[] = [];
  private nextRetryAt = 0;
  private readonly busyTimeoutMs: number;

  constructor(path: string, options: AuditStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new RiskError('AUDIT_STORE_UNAVAILABLE', `cannot open the audit store at ${path}: ${(err as Error).message}`, { path });
    }
    this.busyTimeoutMs = options.busyTimeoutMs ?? AUDIT_BUSY_TIMEOUT_MS;
    const writeHere = openAuditTable(this.db, this.busyTimeoutMs);
    this.flushMs = options.flushMs ?? 50;
    // Small batches: handing one over (join, copy to the writer) pauses the deciding thread, and with 100 records that
    // pause was the in-process p99 (~280 µs against ~100 µs at 25; the writer commits whatever has queued together).
    this.maxBatch = options.maxBatch ?? 25;
    const shared = new SharedArrayBuffer(4);
    this.written = new Int32Array(shared);
    this.writeHere = writeHere;
    this.writer = null;
    if (path !== ':memory:') {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const { port1, port2 } = new MessageChannel();
      port1.unref();
      this.failures = port1;
      const writer = new Worker(AUDIT_WRITER_MODULE, {
        workerData: {
          role: AUDIT_WRITER_ROLE, path, done: shared, driver, pragmas: auditPragmas(this.busyTimeoutMs), schema: AUDIT_SCHEMA, insert: AUDIT_INSERT,
          insertShape: AUDIT_INSERT_SHAPE, failures: port2, retryForMs: options.retryForMs ?? 60_000,
        },
        transferList: [port2],
      });
      // If the thread dies, records are written here instead: slower, never lost.
      const fallBack = (): void => {
        if (this.writer !== writer) return;
        this.writer = null;
        this.takeFailures();
        const done = Atomics.load(this.written, 0);
        for (const [seq, batch] of this.inflight) if (seq > done) this.unwritten.push(batch);
        this.inflight.clear();
        this.writeUnwritten();
      };
      writer.on('error', (err) => {
        console.error(`audit writer thread failed (${err.message}); writing in the main thread`);
        fallBack();
      });
      writer.on('exit', () => {
        if (!this.closing) fallBack();
      });
      writer.unref();
      this.writer = writer;
    }
  }

  record(record: DecisionRecord): void {
    // Serialised on JSON's fast path (record-layout.ts); the writer replaces every keyed hash in the text (values and
    // list-lookup keys alike) with its record-local token before writing.
    this.bodies.push(encodeRecord(record, this.shapes));
    // AuditIndex, in its order.
    this.index.push(record.tenant, record.decisionId, record.time, record.flow.id, record.flow.version, record.variant, record.shadowOf,
      record.result.outcome, record.event.applicationId);
    if (this.bodies.length >= this.maxBatch) this.send();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.send(), this.flushMs);
      this.timer.unref?.();
    }
  }

  /** Writes everything queued and waits until it is written; throws AUDIT_WRITE_FAILED if some of it cannot be. */
  flush(): void {
    this.send();
    while (this.writer && Atomics.load(this.written, 0) < this.sent) Atomics.wait(this.written, 0, Atomics.load(this.written, 0), 100);
    this.takeFailures();
    const error = this.writeUnwritten();
    if (error) {
      const records = this.unwritten.reduce((n, b) => n + b.bodies.length, 0);
      throw new RiskError('AUDIT_WRITE_FAILED', `${records} audit records cannot be written (${error.message}); they are kept in memory and retried`, {
        records, cause: error.message,
      });
    }
  }

  get(tenant: string, decisionId: string): DecisionRecord | undefined {
    // A queued record is not masked yet: it is read back once written, like every other.
    this.flush();
    const row = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM decisions WHERE tenant = ? AND id = ?`).get(tenant, decisionId) as RecordRow | undefined;
    return row ? this.decode(row) : undefined;
  }

  list(tenant: string, query: AuditQuery = {}): DecisionRecord[] {
    this.flush();
    const where = ['tenant = @tenant', 'time >= @from', 'time < @to'];
    if (query.flow) where.push('flow_id = @flow');
    if (query.outcome) where.push('outcome = @outcome');
    if (!query.shadows) where.push('shadow_of IS NULL');
    const rows = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM decisions WHERE ${where.join(' AND ')} ORDER BY time, id LIMIT @limit`).all({
      tenant, from: query.from ?? 0, to: query.to ?? Number.MAX_SAFE_INTEGER, flow: query.flow, outcome: query.outcome,
      limit: Math.min(query.limit ?? 1000, 100_000),
    }) as RecordRow[];
    return rows.map((r) => this.decode(r));
  }

  shadowsOf(tenant: string, decisionId: string): DecisionRecord[] {
    this.flush();
    const rows = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM decisions WHERE tenant = ? AND shadow_of = ? ORDER BY id`).all(tenant, decisionId) as RecordRow[];
    return rows.map((r) => this.decode(r));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    const writer = this.writer;
    this.closing = true;
    if (writer) {
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.ref();
      writer.postMessage({ close: true });
      await exited;
    }
    this.db.close();
  }

  private decode(row: RecordRow): DecisionRecord {
    return decodeRecord(row, (id) => this.namesOfShape(id));
  }

  private namesOfShape(id: string): readonly string[] {
    let names = this.shapeNames.get(id);
    if (!names) {
      const row = this.db.prepare('SELECT names FROM audit_shapes WHERE id = ?').get(id) as { names: string } | undefined;
      if (!row) throw new RiskError('AUDIT_SHAPE_MISSING', `the audit store has no input shape ${id}: a record's feature names are lost`, { shape: id });
      this.shapeNames.set(id, (names = JSON.parse(row.names) as string[]));
    }
    return names;
  }

  /** Hands the queue to the writer (or writes it here for ':memory:'). */
  private send(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.bodies.length === 0) return;
    const batch: AuditBatch = { bodies: this.bodies, index: this.index, shapes: this.shapes.takeUsed() };
    this.bodies = [];
    this.index = [];
    if (this.writer) {
      const seq = ++this.sent;
      // The writer reports a batch it could not write before it passes its number: so read the number first, then
      // the reports, and only then forget the batches up to that number.
      const done = Atomics.load(this.written, 0);
      this.takeFailures();
      if (this.unwritten.length > 0 && Date.now() >= this.nextRetryAt) this.writeUnwritten();
      for (const old of this.inflight.keys()) if (old <= done) this.inflight.delete(old);
      this.inflight.set(seq, batch);
      this.writer.postMessage({ seq, bodies: batch.bodies, index: batch.index, shapes: batch.shapes });
    } else {
      this.unwritten.push(batch);
      this.writeUnwritten();
    }
  }

  /** Moves the batches the writer reported unwritable from in flight to unwritten. */
  private takeFailures(): void {
    if (!this.failures) return;
    for (let m = receiveMessageOnPort(this.failures); m !== undefined; m = receiveMessageOnPort(this.failures)) {
      const failure = m.message as { error: string; code: string; seqs: number[] };
      console.error(`audit writer: ${failure.seqs.length} batches could not be written (${failure.code || 'error'}: ${failure.error}); writing them here`);
      for (const seq of failure.seqs) {
        const batch = this.inflight.get(seq);
        if (batch) this.unwritten.push(batch);
        this.inflight.delete(seq);
      }
    }
  }

  /** Writes unwritten batches in order on this thread; the error that stopped it, if any (those left are kept). */
  private writeUnwritten(): Error | null {
    if (this.unwritten.length === 0) return null;
    // Batches the living writer gave up on mean a lock held for a minute or more: this thread (which decides) waits
    // for it only briefly each time. With no writer thread this is the write path, and waits as long as it would.
    const brief = this.writer !== null;
    if (brief) this.db.pragma(`busy_timeout = ${UNWRITTEN_BUSY_MS}`);
    try {
      while (this.unwritten.length > 0) {
        this.writeHere(this.unwritten[0]);
        this.unwritten.shift();
      }
      return null;
    } catch (err) {
      this.nextRetryAt = Date.now() + UNWRITTEN_RETRY_MS;
      return err as Error;
    } finally {
      if (brief) this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
  }
}
