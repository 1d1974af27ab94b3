// Lists as they were at each moment of the log: rebuilt from list.changed events while a backtest walks the log,
// so an application is checked against the entries that existed (and had not expired) when it was made.
import type { ListChangedData } from '../../ingest/index.js';
import type { ArgusEventRecord } from '../../store/index.js';
import type { ListEntityType } from '../flow-types.js';
import type { ListHit, ListReader } from '../readers.js';

interface Entry extends ListHit {
  readonly expiresAt: number | null;
}

export class PointInTimeLists implements ListReader {
  private readonly entries = new Map<string, Map<string, Entry>>();

  apply(event: ArgusEventRecord): void {
    if (event.type !== 'list.changed') return;
    const d = event.data as ListChangedData;
    const key = `${d.entityType}|${d.value}`;
    let byList = this.entries.get(key);
    if (d.action === 'remove') {
      byList?.delete(d.list);
      return;
    }
    if (!byList) this.entries.set(key, (byList = new Map()));
    byList.set(d.list, { list: d.list, reason: d.reason, source: d.source, expiresAt: d.expiresAt ? Date.parse(d.expiresAt) : null });
  }

  lookup(_tenant: string, entityType: ListEntityType, value: string, time: number): readonly ListHit[] {
    const byList = this.entries.get(`${entityType}|${value}`);
    if (!byList) return [];
    const hits: ListHit[] = [];
    for (const e of byList.values()) if (e.expiresAt === null || e.expiresAt > time) hits.push({ list: e.list, reason: e.reason, source: e.source });
    return hits;
  }
}
