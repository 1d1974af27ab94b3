// Managing black / grey / white lists: entries added over the API (raw identifiers, hashed here with the same
// KeyedHasher ingest uses — raw values are never stored) and from list.changed events in the log (already hashed).
// API changes are also appended to the event log as list.changed events when an ingestor is wired, so the graph
// engine and the event history see them.
import { RiskError, newId, type Clock, type Random } from '../core/index.js';
import type { AppendedEvent, Ingestor, KeyedHasher, ListChangedData } from '../ingest/index.js';
import type { ListEntityType, ListName } from './flow-types.js';
import type { ListEntry, ListQuery, ListStore } from './store/decision-stores.js';

const LISTS: readonly ListName[] = ['black', 'grey', 'white'];
const ENTITY_TYPES: readonly ListEntityType[] = ['person', 'phone', 'device', 'ip', 'card', 'address'];
export const MAX_IMPORT = 50_000;

/** One entry as sent over the API: `value` is the raw identifier. */
export interface ListEntryInput {
  readonly list: ListName;
  readonly entityType: ListEntityType;
  readonly value: string;
  readonly reason: string;
  readonly source?: string;
  /** ISO time after which the entry no longer hits. */
  readonly expiresAt?: string;
}

export class ListService {
  constructor(
    private readonly store: ListStore,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly ingestor?: Ingestor,
  ) {}

  /** Validates every entry first (all problems, by index), then stores them all. */
  async add(tenant: string, inputs: readonly unknown[]): Promise<{ added: number; updated: number }> {
    if (!Array.isArray(inputs) || inputs.length === 0) throw new RiskError('LIST_BODY_EMPTY', 'send one entry or a list of entries');
    if (inputs.length > MAX_IMPORT) throw new RiskError('LIST_IMPORT_TOO_LARGE', `at most ${MAX_IMPORT} entries per import`, { received: inputs.length });
    const problems: { index: number; message: string }[] = [];
    const entries = inputs.map((raw, index) => {
      const problem = checkEntry(raw);
      if (problem) problems.push({ index, message: problem });
      return raw as ListEntryInput;
    });
    if (problems.length > 0) {
      throw new RiskError('LIST_ENTRY_INVALID', `${problems.length} of ${inputs.length} entries are invalid; nothing was stored`, { problems: problems.slice(0, 100) });
    }
    const now = this.clock.now();
    const stored = entries.map((e) => ({
      list: e.list,
      entityType: e.entityType,
      value: this.hasher.hash(e.value),
      reason: e.reason,
      source: e.source ?? 'api',
      createdAt: now,
      expiresAt: e.expiresAt ? Date.parse(e.expiresAt) : null,
    }));
    const result = this.store.upsert(tenant, stored, () => newId('lst', this.clock, this.random));
    await this.announce(tenant, stored.map((e) => ({ ...e, action: 'add' as const })));
    return result;
  }

  async remove(tenant: string, list: ListName, entityType: ListEntityType, rawValue: string): Promise<void> {
    const value = this.hasher.hash(rawValue);
    if (!this.store.remove(tenant, list, entityType, value)) {
      throw new RiskError('LIST_ENTRY_NOT_FOUND', 'no such list entry', { list, entityType });
    }
    await this.announceRemoval(tenant, list, entityType, value);
  }

  /**
   * Removed by id, announced like any removal: backtests rebuild lists from list.changed events, and kept hitting an
   * entry deleted this way when it was not.
   */
  async removeById(tenant: string, id: string): Promise<void> {
    const removed = this.store.removeById(tenant, id);
    if (!removed) throw new RiskError('LIST_ENTRY_NOT_FOUND', `no list entry "${id}"`, { id });
    await this.announceRemoval(tenant, removed.list, removed.entityType, removed.value);
  }

  query(tenant: string, query: ListQuery & { rawValue?: string }): ListEntry[] {
    const { rawValue, ...rest } = query;
    return this.store.query(tenant, rawValue ? { ...rest, value: this.hasher.hash(rawValue) } : rest);
  }

  /** Applies list.changed events as they are appended (wire with Ingestor.subscribe). */
  applyEvents(tenant: string, appended: readonly AppendedEvent[]): void {
    const adds: Omit<ListEntry, 'id'>[] = [];
    for (const { event } of appended) {
      if (event.type !== 'list.changed') continue;
      const d = event.data as ListChangedData;
      if (d.source === LOOPBACK_SOURCE) continue;
      if (d.action === 'remove') this.store.remove(tenant, d.list, d.entityType, d.value);
      else {
        adds.push({
          list: d.list, entityType: d.entityType, value: d.value, reason: d.reason, source: d.source,
          createdAt: Date.parse(event.time), expiresAt: d.expiresAt ? Date.parse(d.expiresAt) : null,
        });
      }
    }
    if (adds.length > 0) this.store.upsert(tenant, adds, () => newId('lst', this.clock, this.random));
  }

  private announceRemoval(tenant: string, list: ListName, entityType: ListEntityType, value: string): Promise<void> {
    return this.announce(tenant, [{ list, entityType, value, reason: 'removed', source: 'api', expiresAt: null, action: 'remove' }]);
  }

  private async announce(tenant: string, changes: (Omit<ListEntry, 'id' | 'createdAt'> & { action: 'add' | 'remove' })[]): Promise<void> {
    if (!this.ingestor) return;
    const time = new Date(this.clock.now()).toISOString();
    const events = changes.map((c) => ({
      id: newId('lstevt', this.clock, this.random),
      type: 'list.changed',
      time,
      data: {
        list: c.list, entityType: c.entityType, value: c.value, action: c.action, reason: c.reason.slice(0, 256),
        // Marks events this service wrote so applyEvents does not apply them twice.
        source: LOOPBACK_SOURCE,
        ...(c.expiresAt !== null ? { expiresAt: new Date(c.expiresAt).toISOString() } : {}),
      },
    }));
    await this.ingestor.ingestRecords(tenant, events);
  }
}

/** The `source` of list.changed events written by the list API (the entry keeps the caller's source). */
const LOOPBACK_SOURCE = 'argus-list-api';

function checkEntry(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return 'an entry is an object';
  const e = raw as Partial<ListEntryInput>;
  if (!LISTS.includes(e.list as ListName)) return `list must be one of ${LISTS.join(', ')}`;
  if (!ENTITY_TYPES.includes(e.entityType as ListEntityType)) return `entityType must be one of ${ENTITY_TYPES.join(', ')}`;
  if (typeof e.value !== 'string' || e.value.trim() === '' || e.value.length > 256) return 'value must be a non-empty identifier (at most 256 characters)';
  if (typeof e.reason !== 'string' || e.reason === '' || e.reason.length > 256) return 'reason must be a non-empty string (at most 256 characters)';
  if (e.source !== undefined && (typeof e.source !== 'string' || e.source.length > 128)) return 'source must be a string (at most 128 characters)';
  if (e.expiresAt !== undefined && (typeof e.expiresAt !== 'string' || Number.isNaN(Date.parse(e.expiresAt)))) return 'expiresAt must be an ISO time';
  return undefined;
}
