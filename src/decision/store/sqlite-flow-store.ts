// Flows and releases on SQLite. A flow version is immutable once saved; a release is a new row, never an update, so
// the history of what served a slot is kept and rolling back is releasing an earlier version again.
import type Database from 'better-sqlite3';
import type { FlowDocument, FlowVersion } from '../flow-types.js';
import { dataVersion } from './decision-database.js';
import type { FlowStore, FlowSummary, Release } from './decision-stores.js';

export class SqliteFlowStore implements FlowStore {
  private localWrites = 0;
  private readonly saveTx: (tenant: string, doc: FlowDocument, createdAt: number) => FlowVersion;
  // The lookups a decision can make (a flow the catalog has not cached, e.g. every request to a flow that does not
  // exist, and the serving release): prepared once, as preparing took more than the lookup.
  private readonly latestFlow: Database.Statement;
  private readonly flowVersion: Database.Statement;
  private readonly servingRelease: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.latestFlow = db.prepare('SELECT version, document, created_at FROM flows WHERE tenant = ? AND id = ? ORDER BY version DESC LIMIT 1');
    this.flowVersion = db.prepare('SELECT version, document, created_at FROM flows WHERE tenant = ? AND id = ? AND version = ?');
    this.servingRelease = db.prepare('SELECT body FROM releases WHERE tenant = ? AND slot = ? ORDER BY seq DESC LIMIT 1');
    const latest = db.prepare('SELECT MAX(version) AS v FROM flows WHERE tenant = ? AND id = ?');
    const insert = db.prepare('INSERT INTO flows (tenant, id, version, name, document, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const unarchive = db.prepare('DELETE FROM archived_flows WHERE tenant = ? AND id = ?');
    this.saveTx = db.transaction((tenant: string, doc: FlowDocument, createdAt: number) => {
      const row = latest.get(tenant, doc.id) as { v: number | null };
      const version = (row.v ?? 0) + 1;
      insert.run(tenant, doc.id, version, doc.name ?? null, JSON.stringify(doc), createdAt);
      unarchive.run(tenant, doc.id);
      return { tenant, id: doc.id, version, document: doc, createdAt };
    });
  }

  saveFlow(tenant: string, document: FlowDocument, createdAt: number): FlowVersion {
    this.localWrites++;
    return this.saveTx(tenant, document, createdAt);
  }

  getFlow(tenant: string, id: string, version?: number): FlowVersion | undefined {
    const row = (version === undefined ? this.latestFlow.get(tenant, id) : this.flowVersion.get(tenant, id, version)) as
      | { version: number; document: string; created_at: number }
      | undefined;
    if (!row) return undefined;
    return { tenant, id, version: row.version, document: JSON.parse(row.document) as FlowDocument, createdAt: row.created_at };
  }

  listFlows(tenant: string): FlowSummary[] {
    const rows = this.db.prepare(`
      SELECT f.id AS id, MAX(f.version) AS latest, COUNT(*) AS versions, MAX(f.created_at) AS updated,
             (SELECT name FROM flows g WHERE g.tenant = f.tenant AND g.id = f.id ORDER BY version DESC LIMIT 1) AS name
      FROM flows f
      WHERE f.tenant = ? AND NOT EXISTS (SELECT 1 FROM archived_flows a WHERE a.tenant = f.tenant AND a.id = f.id)
      GROUP BY f.id ORDER BY f.id`).all(tenant) as { id: string; latest: number; versions: number; updated: number; name: string | null }[];
    return rows.map((r) => ({
      id: r.id, ...(r.name ? { name: r.name } : {}), latestVersion: r.latest, versions: r.versions, updatedAt: r.updated,
    }));
  }

  listVersions(tenant: string, id: string): { version: number; createdAt: number }[] {
    const rows = this.db.prepare('SELECT version, created_at FROM flows WHERE tenant = ? AND id = ? ORDER BY version').all(tenant, id) as
      { version: number; created_at: number }[];
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at }));
  }

  archiveFlow(tenant: string, id: string): boolean {
    if (!this.getFlow(tenant, id)) return false;
    this.localWrites++;
    this.db.prepare('INSERT OR IGNORE INTO archived_flows (tenant, id) VALUES (?, ?)').run(tenant, id);
    return true;
  }

  createRelease(release: Release): Release {
    this.localWrites++;
    this.db.prepare('INSERT INTO releases (tenant, id, slot, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(release.tenant, release.id, release.slot, JSON.stringify(release), release.createdAt);
    return release;
  }

  activeRelease(tenant: string, slot: string): Release | undefined {
    const row = this.servingRelease.get(tenant, slot) as
      | { body: string }
      | undefined;
    return row ? (JSON.parse(row.body) as Release) : undefined;
  }

  listReleases(tenant: string, slot: string): Release[] {
    const rows = this.db.prepare('SELECT body FROM releases WHERE tenant = ? AND slot = ? ORDER BY seq DESC').all(tenant, slot) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Release);
  }

  getRelease(tenant: string, id: string): Release | undefined {
    const row = this.db.prepare('SELECT body FROM releases WHERE tenant = ? AND id = ?').get(tenant, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Release) : undefined;
  }

  generation(): number {
    return this.localWrites + dataVersion(this.db);
  }
}
