// Model artifacts on SQLite, versioned per name; loaded into scorers once and cached (artifacts are immutable).
import type Database from 'better-sqlite3';
import { loadModel, type ScoringModel } from '../../model/index.js';
import type { ModelStore } from './decision-stores.js';

export class SqliteModelStore implements ModelStore {
  private readonly loaded = new Map<string, ScoringModel>();

  constructor(private readonly db: Database.Database) {}

  put(tenant: string, name: string, artifact: object, createdAt: number): number {
    const model = loadModel(artifact);
    const put = this.db.transaction(() => {
      const row = this.db.prepare('SELECT MAX(version) AS v FROM models WHERE tenant = ? AND name = ?').get(tenant, name) as { v: number | null };
      const version = (row.v ?? 0) + 1;
      this.db.prepare('INSERT INTO models (tenant, name, version, kind, artifact, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(tenant, name, version, model.kind, JSON.stringify(artifact), createdAt);
      return version;
    });
    const version = put();
    this.loaded.set(`${tenant}|${name}|${version}`, model);
    return version;
  }

  get(tenant: string, name: string, version: number): ScoringModel | undefined {
    const k = `${tenant}|${name}|${version}`;
    let model = this.loaded.get(k);
    if (!model) {
      const artifact = this.getArtifact(tenant, name, version);
      if (!artifact) return undefined;
      model = loadModel(artifact);
      this.loaded.set(k, model);
    }
    return model;
  }

  getArtifact(tenant: string, name: string, version: number): object | undefined {
    const row = this.db.prepare('SELECT artifact FROM models WHERE tenant = ? AND name = ? AND version = ?').get(tenant, name, version) as
      | { artifact: string }
      | undefined;
    return row ? (JSON.parse(row.artifact) as object) : undefined;
  }

  list(tenant: string): { name: string; version: number; kind: string; createdAt: number }[] {
    const rows = this.db.prepare('SELECT name, version, kind, created_at FROM models WHERE tenant = ? ORDER BY name, version').all(tenant) as
      { name: string; version: number; kind: string; created_at: number }[];
    return rows.map((r) => ({ name: r.name, version: r.version, kind: r.kind, createdAt: r.created_at }));
  }
}
