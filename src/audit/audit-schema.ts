// The audit tables and the statements that write them, shared by the in-thread writer and the writer thread.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';

const shared = createRequire(import.meta.url)('./audit-writer.cjs') as {
  writeBatch(insert: Database.Statement, insertShape: Database.Statement, bodies: readonly string[], index: AuditIndexValue[], shapes: string[]): void;
  AUDIT_WRITER_ROLE: string;
};

/** The writer thread's program (masks, then writes each batch); it runs only when started with AUDIT_WRITER_ROLE. */
export const AUDIT_WRITER_MODULE = new URL('./audit-writer.cjs', import.meta.url);
export const AUDIT_WRITER_ROLE: string = shared.AUDIT_WRITER_ROLE;

/** The index columns of one record (its body is its JSON: unmasked while queued, masked by the writer as it writes). */
export type AuditIndex = [tenant: string, id: string, time: number, flowId: string, flowVersion: number, variant: string,
  shadowOf: string | null, outcome: string, applicationId: string];
export type AuditIndexValue = AuditIndex[number];

/** A batch as it crosses to the writer: the records' JSON bodies, and their index columns. */
export interface AuditBatch {
  readonly bodies: readonly string[];
  /** AuditIndex after AuditIndex, flat. */
  readonly index: AuditIndexValue[];
  /** The input shapes this batch's records use: id, names JSON, id, names JSON, ... (input-shapes.ts). */
  readonly shapes: string[];
}

/** How long a connection waits for another one's lock before SQLite answers SQLITE_BUSY. */
export const AUDIT_BUSY_TIMEOUT_MS = 5000;

export function auditPragmas(busyTimeoutMs = AUDIT_BUSY_TIMEOUT_MS): string[] {
  return ['journal_mode = WAL', 'synchronous = NORMAL', `busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`];
}

export const AUDIT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS decisions (
    tenant TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, flow_id TEXT NOT NULL, flow_version INTEGER NOT NULL,
    variant TEXT NOT NULL, shadow_of TEXT, outcome TEXT NOT NULL, application_id TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (tenant, id)
  );
  CREATE INDEX IF NOT EXISTS decisions_time ON decisions (tenant, time);
  CREATE INDEX IF NOT EXISTS decisions_shadow ON decisions (tenant, shadow_of) WHERE shadow_of IS NOT NULL;
  CREATE TABLE IF NOT EXISTS audit_shapes (id TEXT PRIMARY KEY, names TEXT NOT NULL);
`;

export const AUDIT_INSERT = `INSERT OR REPLACE INTO decisions
  (tenant, id, time, flow_id, flow_version, variant, shadow_of, outcome, application_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const AUDIT_INSERT_SHAPE = 'INSERT OR IGNORE INTO audit_shapes (id, names) VALUES (?, ?)';

export function openAuditTable(db: Database.Database, busyTimeoutMs?: number): (batch: AuditBatch) => void {
  for (const pragma of auditPragmas(busyTimeoutMs)) db.pragma(pragma);
  db.exec(AUDIT_SCHEMA);
  const insert = db.prepare(AUDIT_INSERT);
  const insertShape = db.prepare(AUDIT_INSERT_SHAPE);
  return db.transaction((batch: AuditBatch) => shared.writeBatch(insert, insertShape, batch.bodies, batch.index, batch.shapes));
}
