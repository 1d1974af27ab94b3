// Embedded event log on SQLite (better-sqlite3, WAL, synchronous=FULL: a commit is fsynced before append resolves,
// so an acknowledged event survives kill -9 and power loss). Idempotency is a unique index on (tenant, id).
// Appends are group-committed: while one commit is being fsynced by the writer thread, later appends queue, and the
// whole queue goes in the next transaction. Reads use this thread's own connection (WAL lets both run at once).

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RiskError } from '../core/index.js';
import type { AppendOutcome, EventLog, ReadOptions, StoredEvent } from './event-log.js';
import type { ArgusEventRecord, EncodedEvent } from './event-record.js';
import { LOG_INSERT, LOG_LOCK_RETRY_MS, LOG_PRAGMAS, LOG_SCHEMA, LOG_WRITER_MODULE, WRITER_ROLE, groupWriter, toWireGroup, type AppendRequest, type WireGroup } from './event-log-writer.js';
import { packEvents, type PackedEvents } from './packed-events.js';

const DEFAULT_PAGE = 5000;

interface Row {
  offset: number;
  tenant: string;
  time: number;
  body: string;
}

interface Queued extends AppendRequest {
  resolve(outcome: AppendOutcome): void;
  reject(err: unknown): void;
}

export class SqliteEventLog implements EventLog {
  private readonly db: Database.Database;
  /** Read statements by SQL (the filters a caller combines), prepared once. */
  private readonly readStatements = new Map<string, Database.Statement>();
  private readonly writeHere: (group: WireGroup) => number[];
  private writer: Worker | null = null;
  private queue: Queued[] = [];
  /** The group the writer thread is committing, if any. */
  private inflight: Queued[] | null = null;
  private seq = 0;
  private drained: (() => void) | null = null;
  private dispatchScheduled = false;
  private readonly dispatchIfIdle = (): void => {
    this.dispatchScheduled = false;
    if (this.writer && this.inflight === null && this.queue.length > 0) this.dispatch();
  };
  /** Transactions committed so far (each one fsync); appends / commits is the grouping achieved. */
  commits = 0;

  /** `path` is a file, or ':memory:' for tests that need no durability (written in this thread). */
  constructor(path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    } catch (err) {
      throw new RiskError('STORE_LOG_UNAVAILABLE', `cannot open event log at ${path}: ${(err as Error).message}`, { path });
    }
    for (const pragma of LOG_PRAGMAS) this.db.pragma(pragma);
    this.db.pragma('cache_size = -65536');
    this.db.exec(LOG_SCHEMA);
    this.writeHere = groupWriter(this.db);
    if (path !== ':memory:') this.startWriter(path);
  }

  append(tenant: string, records: readonly EncodedEvent[]): Promise<AppendOutcome> {
    return this.appendPacked(tenant, packEvents(records));
  }

  /** The same as append, for events already packed (by an ingest worker): they go to the writer thread as they are. */
  appendPacked(tenant: string, packed: PackedEvents): Promise<AppendOutcome> {
    if (packed.count === 0) return Promise.resolve({ offsets: [], appended: 0, duplicates: 0 });
    if (!this.writer) {
      const offsets = this.writeHere(toWireGroup([{ tenant, packed }]));
      this.commits++;
      return Promise.resolve(outcomeOf(offsets, 0, packed.count));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ tenant, packed, resolve, reject });
      // Idle writer: commit once this turn of the event loop is over, so that appends made in the same turn (requests
      // that arrived together) share one message and one commit. Busy: the next group forms while this one is fsynced.
      if (this.inflight === null && !this.dispatchScheduled) {
        this.dispatchScheduled = true;
        setImmediate(this.dispatchIfIdle);
      }
    });
  }

  async *read(afterOffset: number, options: ReadOptions = {}): AsyncIterable<StoredEvent> {
    yield* this.readSync(afterOffset, options);
  }

  /** The same as read, synchronously: embedded consumers rebuilding state at start-up use it. */
  *readSync(afterOffset: number, options: ReadOptions = {}): Iterable<StoredEvent> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE;
    const where: string[] = ['offset > @after'];
    if (options.tenant !== undefined) where.push('tenant = @tenant');
    if (options.toOffset !== undefined) where.push('offset <= @to');
    if (options.types && options.types.length > 0) {
      where.push(`type IN (${options.types.map((_, i) => `@type${i}`).join(', ')})`);
    }
    const sql = `SELECT offset, tenant, time, body FROM events WHERE ${where.join(' AND ')} ORDER BY offset LIMIT @limit`;
    // Kept prepared: processes following a shared log read it after every append (compiling the SQL cost more than
    // reading the few new rows).
    let page = this.readStatements.get(sql);
    if (!page) this.readStatements.set(sql, (page = this.db.prepare(sql)));
    const params: Record<string, unknown> = { limit: pageSize, tenant: options.tenant, to: options.toOffset };
    options.types?.forEach((t, i) => (params[`type${i}`] = t));
    let after = afterOffset;
    for (;;) {
      const rows = page.all({ ...params, after }) as Row[];
      for (const row of rows) {
        yield { offset: row.offset, tenant: row.tenant, time: row.time, event: JSON.parse(row.body) as ArgusEventRecord };
      }
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].offset;
    }
  }

  async head(): Promise<number> {
    const row = this.db.prepare('SELECT MAX(offset) AS head FROM events').get() as { head: number | null };
    return row.head ?? 0;
  }

  async count(tenant?: string): Promise<number> {
    const row = (tenant === undefined
      ? this.db.prepare('SELECT COUNT(*) AS n FROM events').get()
      : this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE tenant = ?').get(tenant)) as { n: number };
    return row.n;
  }

  /** Waits for every queued append to commit, then stops the writer and closes the file. */
  async close(): Promise<void> {
    if (this.inflight !== null || this.queue.length > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const writer = this.writer;
    this.writer = null;
    if (writer) {
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.ref();
      writer.postMessage({ close: true });
      await exited;
    }
    if (this.db.open) this.db.close();
  }

  private startWriter(path: string): void {
    const writer = new Worker(LOG_WRITER_MODULE, {
      workerData: { role: WRITER_ROLE, path, driver: createRequire(import.meta.url).resolve('better-sqlite3'), pragmas: LOG_PRAGMAS, insert: LOG_INSERT, retryForMs: LOG_LOCK_RETRY_MS },
    });
    writer.on('message', (m: { seq: number; offsets?: number[]; error?: string }) => this.committed(m));
    // A writer that dies takes its in-flight group with it (committed or not is unknown: the callers get an error and
    // may retry, which idempotency makes safe); everything after is written in this thread.
    const fail = (reason: string): void => {
      if (this.writer !== writer) return;
      this.writer = null;
      const group = this.inflight ?? [];
      this.inflight = null;
      const err = new RiskError('STORE_LOG_UNAVAILABLE', `the event log writer stopped: ${reason}`, {});
      for (const q of group) q.reject(err);
      const queued = this.queue;
      this.queue = [];
      for (const q of queued) this.appendPacked(q.tenant, q.packed).then(q.resolve, q.reject);
      this.settle();
    };
    writer.on('error', (err) => fail(err.message));
    writer.on('exit', (code) => fail(`exit code ${code}`));
    writer.unref();
    this.writer = writer;
  }

  /** Hands the whole queue to the writer as one group. */
  private dispatch(): void {
    const group = this.queue;
    this.queue = [];
    this.inflight = group;
    this.writer!.ref(); // an append being committed keeps the process alive
    const wire = toWireGroup(group);
    this.writer!.postMessage({ seq: ++this.seq, group: wire }, [wire.times.buffer as ArrayBuffer]);
  }

  private committed(m: { seq: number; offsets?: number[]; error?: string }): void {
    const group = this.inflight;
    if (group === null || m.seq !== this.seq) return;
    this.inflight = null;
    if (m.error !== undefined) {
      const err = new RiskError('STORE_LOG_UNAVAILABLE', `the event log could not commit: ${m.error}`, {});
      for (const q of group) q.reject(err);
    } else {
      this.commits++;
      let at = 0;
      for (const q of group) {
        q.resolve(outcomeOf(m.offsets!, at, q.packed.count));
        at += q.packed.count;
      }
    }
    if (this.queue.length > 0) this.dispatch();
    else this.settle();
  }

  private settle(): void {
    if (this.inflight !== null || this.queue.length > 0) return;
    this.writer?.unref();
    const drained = this.drained;
    this.drained = null;
    drained?.();
  }
}

function outcomeOf(flat: readonly number[], from: number, length: number): AppendOutcome {
  const offsets: (number | null)[] = new Array(length);
  let appended = 0;
  for (let i = 0; i < length; i++) {
    const o = flat[from + i];
    offsets[i] = o === 0 ? null : o;
    if (o !== 0) appended++;
  }
  return { offsets, appended, duplicates: length - appended };
}
