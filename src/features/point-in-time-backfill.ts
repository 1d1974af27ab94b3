// Point-in-time backfill: replays a tenant's event log in log order into fresh state and, for every target event,
// records the features as of that event (exclude/include as each feature says) before moving on, so no value ever
// sees a later event. Online state goes through the same runtime, so online and backfill values are identical.
import type { ArgusEventRecord, StoredEvent } from '../store/index.js';
import type { FeatureSetSpec, FeatureValue } from './feature-spec.js';
import { compileFeaturePlan, type FeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { evaluateAndApply, planRequest } from './feature-request.js';
import { toFeatureEvent } from './feature-engine.js';

export interface BackfillRow {
  readonly offset: number;
  readonly event: ArgusEventRecord;
  readonly time: number;
  /** Values of the chosen features, in `names` order. */
  readonly values: readonly FeatureValue[];
}

export interface BackfillOptions {
  readonly set: FeatureSetSpec | FeaturePlan;
  /** The event log in offset order (one tenant's, or filtered by `tenant`). */
  readonly events: Iterable<StoredEvent>;
  readonly tenant?: string;
  /** Events that get a row; default: application.submitted. */
  readonly targets?: (event: ArgusEventRecord) => boolean;
  /** Features to compute; default: all of the set. */
  readonly features?: readonly string[];
  readonly onRow: (row: BackfillRow) => void;
  readonly onProgress?: (eventsRead: number) => void;
}

export interface BackfillSummary {
  readonly names: readonly string[];
  readonly events: number;
  readonly rows: number;
  readonly lateDropped: number;
}

export const isApplication = (event: ArgusEventRecord): boolean => event.type === 'application.submitted';

export function backfillFeatures(options: BackfillOptions): BackfillSummary {
  const plan = 'fingerprint' in options.set ? options.set : compileFeaturePlan(options.set);
  const runtime = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const request = planRequest(plan, options.features);
  const names = request.indices.map((i) => plan.features[i].name);
  const targets = options.targets ?? isApplication;
  let events = 0;
  let rows = 0;
  for (const stored of options.events) {
    if (options.tenant !== undefined && stored.tenant !== options.tenant) continue;
    events++;
    const event = toFeatureEvent(stored.event, stored.time);
    if (!targets(stored.event)) {
      runtime.apply(event, access, links);
    } else {
      const all = evaluateAndApply(runtime, request, event, access, links);
      options.onRow({ offset: stored.offset, event: stored.event, time: stored.time, values: request.indices.map((i) => all[i]) });
      rows++;
    }
    if (options.onProgress && events % 50_000 === 0) options.onProgress(events);
  }
  return { names, events, rows, lateDropped: runtime.counters.lateDropped };
}
