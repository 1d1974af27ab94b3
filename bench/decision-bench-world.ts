// Inputs for the decision benchmark: a synthetic world's applications, validated and PII-hashed as decide would
// see them, each with its point-in-time feature and graph values (read from the real feature and graph engines
// before the application is applied, as live decide does; the graph's batch features are recomputed every 1,000
// applications, as a scheduled batch would). Precomputing them keeps the engines' read cost (their own benches)
// out of the decision figures while the flow still runs every rule on real values.
import { FixedClock } from '../src/core/index.js';
import { EventPreparer, type ApplicationEvent } from '../src/decision/index.js';
import { KeyedHasher, PiiRedactor, validateEvent } from '../src/ingest/index.js';
import { generateWorld } from '../src/simulate/index.js';
import { FeatureEngine, loadDemoFeatureSet } from '../src/features/index.js';
import { GraphEngine } from '../src/graph/index.js';
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
  /** applicationId -> graph values as of that application. */
  readonly graph: Map<string, Record<string, number | null>>;
}

const GRAPH_BATCH_EVERY = 1000;

function flowInputNames(kind: 'features' | 'graph'): string[] {
  return demoFlow().nodes.flatMap((n) => (n.kind === kind ? n.names.map((x) => (typeof x === 'string' ? x : x.name)) : []));
}

export function buildBenchWorld(applicants: number): BenchWorld {
  const clock = new FixedClock(0);
  const hasher = new KeyedHasher(BENCH_SECRET);
  const preparer = new EventPreparer(hasher, clock);
  const redactor = new PiiRedactor(hasher);
  const engine = new FeatureEngine({ clock, sets: [loadDemoFeatureSet()] });
  const known = new Set(engine.featureNames(BENCH_TENANT));
  const names = flowInputNames('features').filter((n) => known.has(n));
  const graphEngine = new GraphEngine({ clock });
  const graphNames = flowInputNames('graph');
  let offset = 0;
  const raw: Record<string, unknown>[] = [];
  const prepared: ApplicationEvent[] = [];
  const features = new Map<string, Record<string, number | null>>();
  const graph = new Map<string, Record<string, number | null>>();
  for (const item of generateWorld({ applicants, seed: 7, months: 12 })) {
    if (item.kind !== 'event') continue;
    const event = item.event;
    clock.set(event.time);
    if (event.type === 'application.submitted') {
      raw.push(structuredClone(event) as unknown as Record<string, unknown>);
      const hashed = preparer.prepare(structuredClone(event));
      prepared.push(hashed);
      features.set(hashed.data.applicationId, engine.readNow(BENCH_TENANT, hashed, names));
      graph.set(hashed.data.applicationId, { ...graphEngine.read(BENCH_TENANT, hashed, graphNames) });
      engine.applyEvent(BENCH_TENANT, hashed);
      graphEngine.apply(BENCH_TENANT, hashed, ++offset, Date.parse(hashed.time));
      if (prepared.length % GRAPH_BATCH_EVERY === 0) graphEngine.recompute(BENCH_TENANT);
    } else {
      const checked = validateEvent(event, 0);
      if (!checked.ok) continue;
      const hashed = redactor.redact(checked.event);
      engine.applyEvent(BENCH_TENANT, hashed);
      graphEngine.apply(BENCH_TENANT, hashed, ++offset, Date.parse(hashed.time));
    }
  }
  return { raw, prepared, features, graph };
}

/** A FeatureReader answering from the precomputed values. */
export function precomputedReader(features: ReadonlyMap<string, Record<string, number | null>>) {
  const empty = {};
  return {
    read: (_tenant: string, event: { data: unknown }) => features.get((event.data as { applicationId: string }).applicationId) ?? empty,
  };
}
