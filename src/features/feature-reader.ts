// What the decision engine reads features through. One call returns every feature a flow declares, as of the event
// being decided (the "current event" of request mode). Implemented by the in-memory engine and the Redis store.
import type { ArgusEventRecord } from '../store/index.js';
import type { FeatureValues } from './feature-spec.js';

export interface FeatureReader {
  /**
   * Values of `names` as of `event` — the PII-hashed form ingest stores — which must not have been applied to the
   * state yet (decide, then append): `exclude` features leave it out, `include` features count it.
   * null = missing (see docs/features.md). Unknown names throw FEATURE_NAME_UNKNOWN.
   */
  read(tenant: string, event: ArgusEventRecord, names: readonly string[]): Promise<FeatureValues>;
  /** The feature names a tenant can read (for validating flows when they are authored). */
  featureNames(tenant: string): readonly string[];
}
