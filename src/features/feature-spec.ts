// The declarative feature spec: what authors write (JSON), versioned as a whole set. Types only; validation is in
// spec-validator.ts, compilation into state layouts in feature-plan.ts. Semantics are documented in docs/features.md.

/** Whose history a feature aggregates. Keys come from the event (see entity-keys.ts); all are hashed but employer. */
export const ENTITY_KINDS = ['applicant', 'phone', 'device', 'ip', 'ip24', 'card', 'address', 'employer', 'contact'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const AGGREGATIONS = [
  'count', 'sum', 'mean', 'min', 'max', 'distinct_count', 'first', 'last', 'time_since_first', 'time_since_last', 'ratio',
] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Derived features computed from other features of the same set (the variable factory's vocabulary). */
export const TRANSFORMS = ['difference', 'trend', 'greater_than', 'is_missing', 'log1p'] as const;
export type Transform = (typeof TRANSFORMS)[number];

export const TIME_UNITS = ['ms', 's', 'm', 'h', 'd'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * `exclude`: the value as of the current event, without it (OpenMLDB's EXCLUDE CURRENT_ROW; the default).
 * `include`: the current event counted too (OpenMLDB's default frame ... AND CURRENT ROW).
 */
export type RequestMode = 'exclude' | 'include';

export interface FeatureSpec {
  /** Lower-case dotted words, unique in the tenant: "device.applications.1h". */
  readonly name: string;
  readonly description?: string;
  readonly entity?: EntityKind;
  /** Event types feeding the window; several make a union window. */
  readonly events?: readonly string[];
  /** CEL over `data`, `eventType`, `time` (ms); events it rejects (or fails on) are not counted. */
  readonly filter?: string;
  readonly aggregation?: Aggregation;
  /** Path inside `data` ("requestedAmount", "contacts[].phone"), or one path per event type. */
  readonly field?: string | Readonly<Record<string, string>>;
  /** CEL producing the value instead of `field` (a number; a string for distinct_count). */
  readonly value?: string;
  /** "1h" (sliding time range, 1m..180d), "rows:10" (last N events) or "lifetime" (since the key was last idle). */
  readonly window?: string;
  readonly request?: RequestMode;
  /** Unit of time_since_* results; default "d". */
  readonly unit?: TimeUnit;
  /** ratio: [numerator, denominator] feature names. */
  readonly of?: readonly string[];
  readonly transform?: Transform;
  /** Inputs of a transform (feature names). */
  readonly inputs?: readonly string[];
  /** greater_than: the threshold. */
  readonly threshold?: number;
  /** Replaces a missing (null) value by this number. */
  readonly fill?: number;
}

export interface FeatureSetSpec {
  /** [a-z][a-z0-9_-]*, unique in the tenant. */
  readonly name: string;
  /** Assigned by the repository on every save; ignored on input. */
  readonly version?: number;
  readonly description?: string;
  /** A key with no event for this long is forgotten (default "400d"; must be >= the longest window). */
  readonly ttl?: string;
  /** Events older than the key's newest by more than this are ignored for that key (default "1d"). */
  readonly lateness?: string;
  /** Most events kept per key and stream for exact windows (OpenMLDB's MAXSIZE; default 4096). */
  readonly maxEventsPerKey?: number;
  readonly features: readonly FeatureSpec[];
}

/** A feature's value: a number, or null when it is missing (see docs/features.md for when). */
export type FeatureValue = number | null;
export type FeatureValues = Record<string, FeatureValue>;
