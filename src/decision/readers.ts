// The seams through which a flow reads the world. The feature, graph and model engines implement these; the decision
// engine only knows the interfaces. Feature and graph reads happen once per decision, before the flow runs (one
// batched read, which may be async in scale-out mode) and before the application is appended to the log (the
// engines answer "as of this event" themselves); list lookups and model scoring are synchronous.
import type { ScoringModel } from '../model/index.js';
import type { ArgusEventRecord } from '../store/index.js';
import type { ListEntityType, ListName } from './flow-types.js';

/** Feature or graph values by name: a number, or null when the engine has no value (never a silent 0). */
export type InputValues = Readonly<Record<string, number | null>>;

export interface FeatureReader {
  /** Values as of the event, which has not been applied to the reader's state yet. */
  read(tenant: string, event: ArgusEventRecord, names: readonly string[]): InputValues | Promise<InputValues>;
  /**
   * The names the reader knows for a tenant. When present, only those are requested and every other name a flow
   * declares is missing (null); return the same array while the names do not change (it is a cache key).
   */
  featureNames?(tenant: string): readonly string[];
}

/** The same contract for graph values (per-applicant graph features). */
export type GraphReader = FeatureReader;

export interface ListHit {
  readonly list: ListName;
  readonly reason: string;
  readonly source: string;
}

export interface ListReader {
  /** Unexpired entries (at `time`, ms) for a hashed value. */
  lookup(tenant: string, entityType: ListEntityType, value: string, time: number): readonly ListHit[];
}

export interface ModelProvider {
  /** A loaded model by name and version, or undefined when there is none. */
  get(tenant: string, name: string, version: number): ScoringModel | undefined;
}

/** Readers that know nothing: every feature and graph value is missing. For flows without those engines, and tests. */
export const MISSING_INPUTS: FeatureReader & GraphReader = {
  read(_tenant, _event, names) {
    const out: Record<string, null> = {};
    for (const name of names) out[name] = null;
    return out;
  },
};

export const NO_LISTS: ListReader = { lookup: () => [] };
