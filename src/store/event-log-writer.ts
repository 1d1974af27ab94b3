// The event log's schema and its group-commit write: every append queued while the previous commit was being
// fsynced is written in ONE transaction (one fsync). The transaction runs in a writer thread
// (event-log-group-write.cjs) so the fsync never blocks the event loop; ':memory:' logs and the fall-back after a
// writer failure run the same function in-thread.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import type { PackedEvents } from './packed-events.js';

const groupWrite = createRequire(import.meta.url)('./event-log-group-write.cjs') as {
  writeGroup(insert: Database.Statement, group: WireGroup): number[];
  WRITER_ROLE: string;
};

/** The writer thread's program; it runs only when started with WRITER_ROLE in its workerData. */
export const LOG_WRITER_MODULE = new URL('./event-log-group-write.cjs', import.meta.url);
export const WRITER_ROLE: string = groupWrite.WRITER_ROLE;

/** One caller's append inside a group, packed (see packed-events.ts) so that it crosses threads cheaply. */
export interface AppendRequest {
  readonly tenant: string;
  readonly packed: PackedEvents;
}

/**
 * A whole group as it crosses to the writer thread: every request's events joined into one set of strings and one
 * transferred array of times, with each request's tenant and count. Cloning a handful of strings costs the request
 * thread far less than cloning an object, four strings and a typed array per request (decide appends one event per
 * request, so groups hold hundreds of tiny requests).
 */
export interface WireGroup {
  readonly tenants: string[];
  readonly counts: number[];
  readonly ids: string;
  readonly types: string;
  readonly bodies: string;
  readonly times: Float64Array;
}

export function toWireGroup(group: readonly AppendRequest[]): WireGroup {
  const tenants: string[] = [];
  const counts: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const bodies: string[] = [];
  let total = 0;
  for (const { tenant, packed } of group) {
    if (packed.count === 0) continue;
    tenants.push(tenant);
    counts.push(packed.count);
    ids.push(packed.ids);
    types.push(packed.types);
    bodies.push(packed.bodies);
    total += packed.count;
  }
  const times = new Float64Array(total);
  let at = 0;
  for (const { packed } of group) {
    times.set(packed.times, at);
    at += packed.count;
  }
  return { tenants, counts, ids: ids.join('\n'), types: types.join('\n'), bodies: bodies.join('\n'), times };
}

/** synchronous=FULL: a commit is fsynced (WAL and all) before it is acknowledged. */
export const LOG_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 10000'];
/** How long the writer thread retries a group SQLite answered SQLITE_BUSY without waiting (src/core/sqlite-retry.cjs). */
export const LOG_LOCK_RETRY_MS = 2000;

export const LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    offset INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    time INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS events_tenant_id ON events (tenant, id);
`;

export const LOG_INSERT = 'INSERT OR IGNORE INTO events (tenant, id, type, time, body) VALUES (?, ?, ?, ?, ?)';

/** The group write of event-log-group-write.cjs, in one transaction on this thread's connection. */
export function groupWriter(db: Database.Database): (group: WireGroup) => number[] {
  const insert = db.prepare(LOG_INSERT);
  return db.transaction((group: WireGroup) => groupWrite.writeGroup(insert, group));
}
