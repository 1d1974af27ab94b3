// ingest: canonical event types and schemas, validation, keyed hashing of personal identifiers, idempotent append.
export * from './event-schemas.js';
export { PII_FIELDS, IP_FIELDS } from './pii-fields.js';
export { KeyedHasher, HASH_PREFIX, normalizeIdentifier, ipv4Prefix24 } from './keyed-hasher.js';
export { PiiRedactor } from './pii-redactor.js';
export { validateEvent, isEventType, type RecordProblem, type Validation } from './event-validator.js';
export { Ingestor, MAX_BATCH_RECORDS, type IngestOptions, type IngestResult, type AppendListener, type AppendedEvent } from './ingestor.js';
export { ingestNdjsonFile, type FileIngestProgress, type FileIngestSummary } from './ndjson-file-ingest.js';
