// The stored form of an event: the envelope with `data` after PII hashing. `store` does not look inside `data`;
// it only needs id, type and time, so it does not depend on ingest's schemas.

export interface ArgusEventRecord {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly data: unknown;
}

/** An event ready to append: the fields the log indexes, and the record serialized once by the producer. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  /** Business time in ms since the epoch. */
  readonly time: number;
  /** JSON of the whole ArgusEventRecord. */
  readonly body: string;
}

export function encodeEvent(record: ArgusEventRecord): EncodedEvent {
  return { id: record.id, type: record.type, time: Date.parse(record.time), body: JSON.stringify(record) };
}
