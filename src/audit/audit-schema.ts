// The audit table and the one statement that writes it, shared by the in-thread writer and the writer thread.
import type Database from 'better-sqlite3';
import { IdentifierMasker, MASK_TEXT_SOURCE } from './identifier-masking.js';

/** The index columns of one record (its body is its JSON: unmasked while queued, masked by the writer as it writes). */
export type AuditIndex = [tenant: string, id: string, time: number, flowId: string, flowVersion: number, variant: string,
  shadowOf: string | null, outcome: string, applicationId: string];

/**
 * A batch travels to the writer as one string: for each record a line with its index columns as a JSON array, then a
 * line with its JSON body (JSON text never holds a raw newline). One flat string is copied to the writer thread in
 * one move, where rows would be cloned value by value on the decision path.
 */
export function splitBatch(batch: string): { index: AuditIndex; body: string }[] {
  const lines = batch.split('\n');
  const out: { index: AuditIndex; body: string }[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) out.push({ index: JSON.parse(lines[i]) as AuditIndex, body: lines[i + 1] });
  return out;
}

export const AUDIT_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000'];

export const AUDIT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS decisions (
    tenant TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, flow_id TEXT NOT NULL, flow_version INTEGER NOT NULL,
    variant TEXT NOT NULL, shadow_of TEXT, outcome TEXT NOT NULL, application_id TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (tenant, id)
  );
  CREATE INDEX IF NOT EXISTS decisions_time ON decisions (tenant, time);
  CREATE INDEX IF NOT EXISTS decisions_shadow ON decisions (tenant, shadow_of) WHERE shadow_of IS NOT NULL;
`;

export const AUDIT_INSERT = `INSERT OR REPLACE INTO decisions
  (tenant, id, time, flow_id, flow_version, variant, shadow_of, outcome, application_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function openAuditTable(db: Database.Database): (batch: string) => void {
  for (const pragma of AUDIT_PRAGMAS) db.pragma(pragma);
  db.exec(AUDIT_SCHEMA);
  const insert = db.prepare(AUDIT_INSERT);
  return db.transaction((batch: string) => {
    for (const { index, body } of splitBatch(batch)) insert.run(...index, new IdentifierMasker().maskText(body));
  });
}

/**
 * The writer thread's program (CommonJS, run with eval so it needs no TypeScript loader): it masks every record's
 * identifiers and writes each batch it receives in one transaction, then publishes the batch's sequence number in
 * shared memory for whoever waits.
 */
export const AUDIT_WRITER_SOURCE = `
${MASK_TEXT_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const written = new Int32Array(workerData.done);
const db = new Database(workerData.path);
for (const p of workerData.pragmas) db.pragma(p);
db.exec(workerData.schema);
const insert = db.prepare(workerData.insert);
const write = db.transaction((batch) => {
  const lines = batch.split('\\n');
  for (let i = 0; i + 1 < lines.length; i += 2) insert.run(...JSON.parse(lines[i]), maskText(lines[i + 1]));
});
parentPort.on('message', (m) => {
  if (m.close) { db.close(); parentPort.close(); return; }
  try { write(m.batch); } catch (err) { parentPort.postMessage({ error: String(err && err.message), seq: m.seq }); }
  Atomics.store(written, 0, m.seq);
  Atomics.notify(written, 0);
});
`;
