// Scale-out event log on NATS JetStream: one stream, one message per event, the stream sequence as the offset.
// Idempotency by (tenant, id) is the stream's own rule, not a time window: each event goes to its own subject
// (prefix.<tenant>.<id>, both base64url so any id is a valid subject token), and the stream keeps at most one message
// per subject and refuses a second (discard new per subject) — a re-sent event is acknowledged as a duplicate forever.
// Differences from the SQLite log, both documented in docs/ingest.md: a batch is appended in order but not atomically
// (a failure part-way leaves a prefix appended; re-sending the batch is safe), and durability is JetStream's (file
// storage, acknowledged once the server has written it).
import {
  AckPolicy, DeliverPolicy, DiscardPolicy, headers, RetentionPolicy, StorageType,
  type JetStreamClient, type JetStreamManager, type NatsConnection,
} from 'nats';
import { RiskError } from '../core/index.js';
import type { AppendOutcome, EventLog, ReadOptions, StoredEvent } from './event-log.js';
import type { ArgusEventRecord, EncodedEvent } from './event-record.js';
import { packEvents, type PackedEvents } from './packed-events.js';

export interface NatsEventLogOptions {
  /** Stream name (default ARGUS_EVENTS). */
  readonly stream?: string;
  /** Subject prefix of the stream's subjects (default argus.events). */
  readonly subjectPrefix?: string;
}

const TYPE_HEADER = 'Argus-Type';
const TIME_HEADER = 'Argus-Time';
const DEFAULT_PAGE = 1000;
/** JetStream's error code for "maximum messages per subject exceeded" (JSStreamStoreFailedF's per-subject limit). */
const MAX_MESSAGES_PER_SUBJECT = 10077;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class NatsEventLog implements EventLog {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly stream: string,
    private readonly prefix: string,
  ) {}

  /** Opens (creating if needed) the stream on a connection the caller owns (and closes). */
  static async open(nc: NatsConnection, options: NatsEventLogOptions = {}): Promise<NatsEventLog> {
    const stream = options.stream ?? 'ARGUS_EVENTS';
    const prefix = options.subjectPrefix ?? 'argus.events';
    try {
      const jsm = await nc.jetstreamManager();
      const config = {
        name: stream,
        subjects: [`${prefix}.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        max_msgs_per_subject: 1,
        discard: DiscardPolicy.New,
        discard_new_per_subject: true,
        num_replicas: 1,
      };
      try {
        await jsm.streams.info(stream);
      } catch {
        await jsm.streams.add(config);
      }
      return new NatsEventLog(nc, jsm, nc.jetstream(), stream, prefix);
    } catch (err) {
      throw new RiskError('STORE_LOG_UNAVAILABLE', `cannot open the JetStream event log ${stream}: ${(err as Error).message}`, { stream });
    }
  }

  append(tenant: string, records: readonly EncodedEvent[]): Promise<AppendOutcome> {
    return this.appendPacked(tenant, packEvents(records));
  }

  /**
   * Publishes every record at once (the client pipelines them on one connection, so the stream numbers them in call
   * order) and waits for every acknowledgement.
   */
  async appendPacked(tenant: string, packed: PackedEvents): Promise<AppendOutcome> {
    if (packed.count === 0) return { offsets: [], appended: 0, duplicates: 0 };
    const ids = packed.ids.split('\n');
    const types = packed.types.split('\n');
    const bodies = packed.bodies.split('\n');
    const tenantToken = token(tenant);
    const acks = ids.map((id, i) => {
      const h = headers();
      h.set(TYPE_HEADER, types[i]);
      h.set(TIME_HEADER, String(packed.times[i]));
      return this.js.publish(`${this.prefix}.${tenantToken}.${token(id)}`, encoder.encode(bodies[i]), { headers: h }).then(
        (ack) => (ack.duplicate ? null : ack.seq),
        (err: Error & { api_error?: { err_code?: number; description?: string } }) => {
          // The subject already holds its one message: this (tenant, id) is logged.
          if (err.api_error?.err_code === MAX_MESSAGES_PER_SUBJECT) return null;
          const reason = err.api_error?.description ?? err.message;
          throw new RiskError('STORE_LOG_UNAVAILABLE', `the JetStream event log refused an append: ${reason}`, { stream: this.stream });
        },
      );
    });
    const offsets = await Promise.all(acks);
    const appended = offsets.filter((o) => o !== null).length;
    return { offsets, appended, duplicates: offsets.length - appended };
  }

  /**
   * Events after `afterOffset` as the stream holds them when the read starts, through a temporary pull consumer
   * filtered to the tenant; its pending count says when the read is done (no waiting for a timeout).
   */
  async *read(afterOffset: number, options: ReadOptions = {}): AsyncIterable<StoredEvent> {
    const info = await this.jsm.consumers.add(this.stream, {
      filter_subject: options.tenant === undefined ? `${this.prefix}.>` : `${this.prefix}.${token(options.tenant)}.>`,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: afterOffset + 1,
      ack_policy: AckPolicy.None,
      inactive_threshold: 60_000_000_000, // ns: a reader that stops iterating leaves no consumer behind for long
    });
    const types = options.types && options.types.length > 0 ? new Set(options.types) : null;
    const pageSize = options.pageSize ?? DEFAULT_PAGE;
    try {
      const consumer = await this.js.consumers.get(this.stream, info.name);
      let remaining = info.num_pending;
      while (remaining > 0) {
        const page = await consumer.fetch({ max_messages: Math.min(pageSize, remaining), expires: 5000 });
        let received = 0;
        for await (const m of page) {
          received++;
          remaining--;
          if (options.toOffset !== undefined && m.seq > options.toOffset) return;
          const type = m.headers?.get(TYPE_HEADER) ?? '';
          if (types && !types.has(type)) continue;
          yield {
            offset: m.seq,
            tenant: untoken(m.subject.slice(this.prefix.length + 1).split('.')[0]),
            time: Number(m.headers?.get(TIME_HEADER)),
            event: JSON.parse(decoder.decode(m.data)) as ArgusEventRecord,
          };
        }
        if (received === 0) throw new RiskError('STORE_LOG_UNAVAILABLE', 'the JetStream event log stopped delivering a read', { stream: this.stream });
      }
    } finally {
      await this.jsm.consumers.delete(this.stream, info.name).catch(() => undefined);
    }
  }

  async head(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.last_seq;
  }

  async count(tenant?: string): Promise<number> {
    if (tenant === undefined) return (await this.jsm.streams.info(this.stream)).state.messages;
    const info = await this.jsm.consumers.add(this.stream, {
      filter_subject: `${this.prefix}.${token(tenant)}.>`,
      deliver_policy: DeliverPolicy.All,
      ack_policy: AckPolicy.None,
    });
    await this.jsm.consumers.delete(this.stream, info.name).catch(() => undefined);
    return info.num_pending;
  }

  /** Waits for acknowledgements in flight; the connection stays the caller's. */
  async close(): Promise<void> {
    await this.nc.flush();
  }
}

/** A subject token for any string: base64url has no '.', '*', '>' or whitespace. Empty becomes '_' (a token may not be empty). */
function token(value: string): string {
  return value === '' ? '_' : Buffer.from(value, 'utf8').toString('base64url');
}

function untoken(t: string): string {
  return t === '_' ? '' : Buffer.from(t, 'base64url').toString('utf8');
}
