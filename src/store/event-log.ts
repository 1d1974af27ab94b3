// The event log interface: an append-only, ordered, durable sequence of validated (and PII-hashed) events.
// Embedded mode implements it on SQLite; scale-out mode on NATS JetStream. Consumers read from an offset.

import type { ArgusEventRecord, EncodedEvent } from './event-record.js';
import type { PackedEvents } from './packed-events.js';

export interface StoredEvent {
  /** Position in the log, starting at 1, strictly increasing in append order. */
  readonly offset: number;
  readonly tenant: string;
  /** Business time of the event in ms (from the envelope's `time`). */
  readonly time: number;
  readonly event: ArgusEventRecord;
}

export interface AppendOutcome {
  /** Offset given to each input record in order, or null where the record was a duplicate of one already logged. */
  readonly offsets: readonly (number | null)[];
  readonly appended: number;
  readonly duplicates: number;
}

export interface ReadOptions {
  /** Only this tenant's events. */
  readonly tenant?: string;
  readonly types?: readonly string[];
  /** At most this many events per call of the iterator's underlying page; defaults to the implementation's. */
  readonly pageSize?: number;
  /** Stop after this offset (inclusive). */
  readonly toOffset?: number;
}

export interface EventLog {
  /**
   * Appends records atomically and durably: when the promise resolves, every appended record survives a crash.
   * A record whose (tenant, id) is already in the log is not appended again.
   */
  append(tenant: string, records: readonly EncodedEvent[]): Promise<AppendOutcome>;
  /** append, for events packed by a worker thread (see packed-events.ts); offsets as for append. */
  appendPacked(tenant: string, packed: PackedEvents): Promise<AppendOutcome>;
  /** Events with offset > afterOffset, in offset order. */
  read(afterOffset: number, options?: ReadOptions): AsyncIterable<StoredEvent>;
  /** The highest offset in the log (0 when empty). */
  head(): Promise<number>;
  count(tenant?: string): Promise<number>;
  close(): Promise<void>;
}
