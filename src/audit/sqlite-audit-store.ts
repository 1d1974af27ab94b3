// Audit records on SQLite (WAL). Writes are batched off the response path: records queue in memory and are written
// in one transaction every `flushMs` (default 50 ms) or every `maxBatch` records, whichever comes first. Guarantee:
// a record survives a process crash once flushed (within flushMs of the decision); synchronous=NORMAL means the last
// flushes before a power loss may be lost (the decided event itself is in the fsynced event log).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RiskError } from '../core/index.js';
import type { DecisionRecord } from '../decision/index.js';
import type { AuditQuery, AuditStore } from './audit-store.js';
import { IdentifierMasker } from './identifier-masking.js';

export interface AuditStoreOptions {
  readonly flushMs?: number;
  readonly maxBatch?: number;
}

export class SqliteAuditStore implements AuditStore {
  private readonly db: Database.Database;
  private queue: DecisionRecord[] = [];
  private readonly pending = new Map<string, DecisionRecord>();
  private timer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly writeBatch: (records: readonly DecisionRecord[]) => void;

  constructor(path: string, options: AuditStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new RiskError('AUDIT_STORE_UNAVAILABLE', `cannot open the audit store at ${path}: ${(err as Error).message}`, { path });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS decisions (
        tenant TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, flow_id TEXT NOT NULL, flow_version INTEGER NOT NULL,
        variant TEXT NOT NULL, shadow_of TEXT, outcome TEXT NOT NULL, application_id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (tenant, id)
      );
      CREATE INDEX IF NOT EXISTS decisions_time ON decisions (tenant, time);
      CREATE INDEX IF NOT EXISTS decisions_shadow ON decisions (tenant, shadow_of) WHERE shadow_of IS NOT NULL;
    `);
    this.flushMs = options.flushMs ?? 50;
    this.maxBatch = options.maxBatch ?? 1000;
    const insert = this.db.prepare(`INSERT OR REPLACE INTO decisions
      (tenant, id, time, flow_id, flow_version, variant, shadow_of, outcome, application_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.writeBatch = this.db.transaction((records: readonly DecisionRecord[]) => {
      for (const r of records) {
        insert.run(r.tenant, r.decisionId, r.time, r.flow.id, r.flow.version, r.variant, r.shadowOf, r.result.outcome, r.event.applicationId, JSON.stringify(r));
      }
    });
  }

  record(record: DecisionRecord): void {
    const masked = new IdentifierMasker().mask(record);
    this.queue.push(masked);
    this.pending.set(`${record.tenant}|${record.decisionId}`, masked);
    if (this.queue.length >= this.maxBatch) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writeBatch(batch);
    for (const r of batch) this.pending.delete(`${r.tenant}|${r.decisionId}`);
  }

  get(tenant: string, decisionId: string): DecisionRecord | undefined {
    const queued = this.pending.get(`${tenant}|${decisionId}`);
    if (queued) return queued;
    const row = this.db.prepare('SELECT body FROM decisions WHERE tenant = ? AND id = ?').get(tenant, decisionId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as DecisionRecord) : undefined;
  }

  list(tenant: string, query: AuditQuery = {}): DecisionRecord[] {
    this.flush();
    const where = ['tenant = @tenant', 'time >= @from', 'time < @to'];
    if (query.flow) where.push('flow_id = @flow');
    if (query.outcome) where.push('outcome = @outcome');
    if (!query.shadows) where.push('shadow_of IS NULL');
    const rows = this.db.prepare(`SELECT body FROM decisions WHERE ${where.join(' AND ')} ORDER BY time, id LIMIT @limit`).all({
      tenant, from: query.from ?? 0, to: query.to ?? Number.MAX_SAFE_INTEGER, flow: query.flow, outcome: query.outcome,
      limit: Math.min(query.limit ?? 1000, 100_000),
    }) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as DecisionRecord);
  }

  shadowsOf(tenant: string, decisionId: string): DecisionRecord[] {
    this.flush();
    const rows = this.db.prepare('SELECT body FROM decisions WHERE tenant = ? AND shadow_of = ? ORDER BY id').all(tenant, decisionId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as DecisionRecord);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}
