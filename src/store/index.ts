// store: storage interfaces, the embedded (SQLite) event log and the scale-out one on NATS JetStream.
export type { EventLog, StoredEvent, AppendOutcome, ReadOptions } from './event-log.js';
export { type ArgusEventRecord, type EncodedEvent, encodeEvent } from './event-record.js';
export { type PackedEvents, packEvents } from './packed-events.js';
export { SqliteEventLog } from './sqlite-event-log.js';
export type { NatsEventLog, NatsEventLogOptions } from './nats-event-log.js';

/** Opens the JetStream event log; the NATS client is loaded only when this is called (embedded mode never loads it). */
export async function openNatsEventLog(
  nc: import('nats').NatsConnection,
  options?: import('./nats-event-log.js').NatsEventLogOptions,
): Promise<import('./nats-event-log.js').NatsEventLog> {
  const { NatsEventLog } = await import('./nats-event-log.js');
  return NatsEventLog.open(nc, options);
}
