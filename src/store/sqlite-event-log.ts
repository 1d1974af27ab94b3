// Embedded event log on SQLite (better-sqlite3, WAL, synchronous=FULL: a commit is fsynced before append resolves,
// so an acknowledged event survives kill -9 and power loss). Idempotency is a unique index on (tenant, id).

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RiskError } from '../core/index.js';
import type { AppendOutcome, EventLog, ReadOptions, StoredEvent } from './event-log.js';
import type { ArgusEventRecord, EncodedEvent } from './event-record.js';

const DEFAULT_PAGE = 5000;

interface Row {
  offset: number;
  tenant: string;
  time: number;
  body: string;
}

export class SqliteEventLog implements EventLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly appendMany: (tenant: string, records: readonly EncodedEvent[]) => AppendOutcome;

  /** `path` is a file, or ':memory:' for tests that need no durability. */
  constructor(path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    } catch (err) {
      throw new RiskError('STORE_LOG_UNAVAILABLE', `cannot open event log at ${path}: ${(err as Error).message}`, { path });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        offset INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        time INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS events_tenant_id ON events (tenant, id);
    `);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO events (tenant, id, type, time, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.appendMany = this.db.transaction((tenant: string, records: readonly EncodedEvent[]) => {
      const offsets: (number | null)[] = new Array(records.length);
      let appended = 0;
      for (let i = 0; i < records.length; i++) {
        const r = records[i];
        const info = this.insert.run(tenant, r.id, r.type, r.time, r.body);
        if (info.changes === 1) {
          offsets[i] = Number(info.lastInsertRowid);
          appended++;
        } else {
          offsets[i] = null;
        }
      }
      return { offsets, appended, duplicates: records.length - appended };
    });
  }

  async append(tenant: string, records: readonly EncodedEvent[]): Promise<AppendOutcome> {
    if (records.length === 0) return { offsets: [], appended: 0, duplicates: 0 };
    return this.appendMany(tenant, records);
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
    const page = this.db.prepare(
      `SELECT offset, tenant, time, body FROM events WHERE ${where.join(' AND ')} ORDER BY offset LIMIT @limit`,
    );
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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
