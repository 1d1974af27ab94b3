// Opens the embedded decision database (flows, releases, lists, models) in the data folder: SQLite in WAL mode,
// shared safely by several processes on one machine (each writer waits up to busy_timeout for the lock).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RiskError } from '../../core/index.js';

export function openDecisionDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw new RiskError('DECISION_STORE_UNAVAILABLE', `cannot open the decision database at ${path}: ${(err as Error).message}`, { path });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS flows (
      tenant TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT, document TEXT NOT NULL,
      created_at INTEGER NOT NULL, PRIMARY KEY (tenant, id, version)
    );
    CREATE TABLE IF NOT EXISTS archived_flows (tenant TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tenant, id));
    CREATE TABLE IF NOT EXISTS releases (
      tenant TEXT NOT NULL, id TEXT NOT NULL, slot TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
      seq INTEGER PRIMARY KEY AUTOINCREMENT
    );
    CREATE INDEX IF NOT EXISTS releases_slot ON releases (tenant, slot, seq);
    CREATE UNIQUE INDEX IF NOT EXISTS releases_id ON releases (tenant, id);
    CREATE TABLE IF NOT EXISTS list_entries (
      tenant TEXT NOT NULL, id TEXT NOT NULL, list TEXT NOT NULL, entity_type TEXT NOT NULL, value TEXT NOT NULL,
      reason TEXT NOT NULL, source TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER,
      PRIMARY KEY (tenant, list, entity_type, value)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS list_entries_id ON list_entries (tenant, id);
    CREATE TABLE IF NOT EXISTS models (
      tenant TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, artifact TEXT NOT NULL,
      created_at INTEGER NOT NULL, PRIMARY KEY (tenant, name, version)
    );
  `);
  return db;
}

/** A number that changes whenever another connection (or process) commits to the database. */
export function dataVersion(db: Database.Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}
