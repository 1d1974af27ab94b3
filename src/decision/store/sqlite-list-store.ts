// Black / grey / white list entries on SQLite with an in-memory index per tenant for the hot path (a lookup is one
// Map get). The index reloads when any process has written (SQLite's data_version), checked at most every
// `refreshMs`, so several worker processes see each other's changes within that interval.
import type Database from 'better-sqlite3';
import type { Clock } from '../../core/index.js';
import type { ListEntityType, ListName } from '../flow-types.js';
import type { ListHit } from '../readers.js';
import { dataVersion } from './decision-database.js';
import type { ListEntry, ListQuery, ListStore } from './decision-stores.js';

interface Row {
  id: string; list: string; entity_type: string; value: string; reason: string; source: string; created_at: number; expires_at: number | null;
}

/** entity type -> value -> entries. Two levels, so a lookup hashes the (already flat) value, never a joined key. */
type Index = Map<string, Map<string, ListEntry[]>>;

export class SqliteListStore implements ListStore {
  private readonly indexes = new Map<string, Index>();
  private seenVersion = -1;
  private checkedAt = -Infinity;

  constructor(private readonly db: Database.Database, private readonly clock: Clock, private readonly refreshMs = 1000) {}

  lookup(tenant: string, entityType: ListEntityType, value: string, time: number): readonly ListHit[] {
    const entries = this.index(tenant).get(entityType)?.get(value);
    if (entries === undefined) return NO_HITS;
    const hits: ListHit[] = [];
    for (const e of entries) if (e.expiresAt === null || e.expiresAt > time) hits.push({ list: e.list, reason: e.reason, source: e.source });
    return hits;
  }

  upsert(tenant: string, entries: readonly Omit<ListEntry, 'id'>[], makeId: () => string): { added: number; updated: number } {
    const find = this.db.prepare('SELECT id FROM list_entries WHERE tenant = ? AND list = ? AND entity_type = ? AND value = ?');
    const insert = this.db.prepare(`INSERT OR REPLACE INTO list_entries (tenant, id, list, entity_type, value, reason, source, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const run = this.db.transaction(() => {
      let added = 0;
      for (const e of entries) {
        const existing = find.get(tenant, e.list, e.entityType, e.value) as { id: string } | undefined;
        if (!existing) added++;
        insert.run(tenant, existing?.id ?? makeId(), e.list, e.entityType, e.value, e.reason, e.source, e.createdAt, e.expiresAt);
      }
      return { added, updated: entries.length - added };
    });
    const result = run();
    this.indexes.delete(tenant);
    return result;
  }

  remove(tenant: string, list: ListName, entityType: ListEntityType, value: string): boolean {
    const info = this.db.prepare('DELETE FROM list_entries WHERE tenant = ? AND list = ? AND entity_type = ? AND value = ?').run(tenant, list, entityType, value);
    this.indexes.delete(tenant);
    return info.changes > 0;
  }

  removeById(tenant: string, id: string): ListEntry | undefined {
    const row = this.db.prepare('DELETE FROM list_entries WHERE tenant = ? AND id = ? RETURNING *').get(tenant, id) as Row | undefined;
    this.indexes.delete(tenant);
    return row === undefined ? undefined : toEntry(row);
  }

  query(tenant: string, q: ListQuery): ListEntry[] {
    const where = ['tenant = @tenant'];
    if (q.list) where.push('list = @list');
    if (q.entityType) where.push('entity_type = @entityType');
    if (q.value) where.push('value = @value');
    const rows = this.db.prepare(`SELECT * FROM list_entries WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT @limit OFFSET @offset`).all({
      tenant, list: q.list, entityType: q.entityType, value: q.value, limit: Math.min(q.limit ?? 100, 10_000), offset: q.offset ?? 0,
    }) as Row[];
    return rows.map(toEntry);
  }

  count(tenant: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM list_entries WHERE tenant = ?').get(tenant) as { n: number }).n;
  }

  private index(tenant: string): Index {
    const now = this.clock.now();
    if (now - this.checkedAt >= this.refreshMs) {
      this.checkedAt = now;
      const version = dataVersion(this.db);
      if (version !== this.seenVersion) {
        this.seenVersion = version;
        this.indexes.clear();
      }
    }
    let index = this.indexes.get(tenant);
    if (!index) {
      index = new Map();
      for (const row of this.db.prepare('SELECT * FROM list_entries WHERE tenant = ?').iterate(tenant) as Iterable<Row>) {
        const entry = toEntry(row);
        let byValue = index.get(entry.entityType);
        if (!byValue) index.set(entry.entityType, (byValue = new Map()));
        const list = byValue.get(entry.value);
        if (list) list.push(entry);
        else byValue.set(entry.value, [entry]);
      }
      this.indexes.set(tenant, index);
    }
    return index;
  }
}

const NO_HITS: readonly ListHit[] = Object.freeze([]);

function toEntry(row: Row): ListEntry {
  return {
    id: row.id, list: row.list as ListName, entityType: row.entity_type as ListEntityType, value: row.value, reason: row.reason,
    source: row.source, createdAt: row.created_at, expiresAt: row.expires_at,
  };
}
