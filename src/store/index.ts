// store: storage interfaces and their embedded (SQLite) implementations; scale-out ones (NATS, Redis, Postgres)
// implement the same interfaces.
export type { EventLog, StoredEvent, AppendOutcome, ReadOptions } from './event-log.js';
export { type ArgusEventRecord, type EncodedEvent, encodeEvent } from './event-record.js';
export { type PackedEvents, packEvents } from './packed-events.js';
export { SqliteEventLog } from './sqlite-event-log.js';
