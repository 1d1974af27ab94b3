// Inputs for the decision benchmark: a synthetic world's applications, validated and PII-hashed as decide would
// see them, each with its point-in-time feature values (read from the real feature engine before the application
// is applied, as live decide does). Precomputing them keeps feature cost out of the decision figures.
import { FixedClock } from '../src/core/index.js';
import { EventPreparer, type ApplicationEvent } from '../src/decision/index.js';
import { KeyedHasher, PiiRedactor, validateEvent } from '../src/ingest/index.js';
import { generateWorld } from '../src/simulate/index.js';
import { FeatureEngine, loadDemoFeatureSet } from '../src/features/index.js';
import { demoFlow } from '../src/decision/index.js';

export const BENCH_TENANT = 'default';
export const BENCH_SECRET = 'decision-bench-secret-0123456789';

export interface BenchWorld {
  /** Raw application.submitted envelopes (what a lender sends). */
  readonly raw: Record<string, unknown>[];
  /** The same, validated and hashed. */
  readonly prepared: ApplicationEvent[];
  /** applicationId -> feature values as of that application. */
  readonly features: Map<string, Record<string, number | null>>;
}

export function buildBenchWorld(applicants: number): BenchWorld {
  const clock = new FixedClock(0);
  const hasher = new KeyedHasher(BENCH_SECRET);
  const preparer = new EventPreparer(hasher, clock);
  const redactor = new PiiRedactor(hasher);
  const engine = new FeatureEngine({ clock, sets: [loadDemoFeatureSet()] });
  const known = new Set(engine.featureNames(BENCH_TENANT));
  const names = demoFlow().nodes.flatMap((n) => (n.kind === 'features' ? n.names.map((x) => (typeof x === 'string' ? x : x.name)) : []))
    .filter((n) => known.has(n));
  const raw: Record<string, unknown>[] = [];
  const prepared: ApplicationEvent[] = [];
  const features = new Map<string, Record<string, number | null>>();
  for (const item of generateWorld({ applicants, seed: 7, months: 12 })) {
    if (item.kind !== 'event') continue;
    const event = item.event;
    clock.set(event.time);
    if (event.type === 'application.submitted') {
      raw.push(structuredClone(event) as unknown as Record<string, unknown>);
      const hashed = preparer.prepare(structuredClone(event));
      prepared.push(hashed);
      features.set(hashed.data.applicationId, engine.readNow(BENCH_TENANT, hashed, names));
      engine.applyEvent(BENCH_TENANT, hashed);
    } else {
      const checked = validateEvent(event, 0);
      if (checked.ok) engine.applyEvent(BENCH_TENANT, redactor.redact(checked.event));
    }
  }
  return { raw, prepared, features };
}

/** A FeatureReader answering from the precomputed values. */
export function precomputedReader(features: ReadonlyMap<string, Record<string, number | null>>) {
  const empty = {};
  return {
    read: (_tenant: string, event: { data: unknown }) => features.get((event.data as { applicationId: string }).applicationId) ?? empty,
  };
}
