// The stored form of an event: the envelope with `data` after PII hashing. `store` does not look inside `data`;
// it only needs id, type and time, so it does not depend on ingest's schemas.

export interface ArgusEventRecord {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly data: unknown;
}
