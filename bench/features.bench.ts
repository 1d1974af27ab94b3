// Feature engine benchmark: `npm run bench -- features [--quick]`.
//  1. In process: a simulated world (full 30,000 applicants, ~650 k events; quick 4,000) through the demo feature set
//     (200 features over 8 entity types): events/s updating online state (wall and CPU; after a warm-up pass over a
//     fifth of the events on a throwaway engine, as a server is warm), bytes of heap per key, snapshot size and
//     write/restore time, and decision reads (all 200 features for an application) p50/p99.
//  2. Redis: the same events through the Redis store (same state, in Redis on 127.0.0.1:6379), in batches of 500.
//  3. HTTP: freshness p50/p99 — POST /v1/events of one login, then GET /v1/features/device/:key shows it — while a
//     background client posts the world's events at ~1,000 events/s in batches of 20 (openArgus on a fresh data
//     folder: every engine is live on the ingest path; real loopback sockets).
//  4. Factory: 10,000 derived variables of the demo factory (spread over every kind) computed over the applications
//     of a 100,000-applicant world streamed from the simulator (quick: 1,000 over 3,000 applicants); the time spent
//     simulating is reported apart.
// No peer feature store is installed on this machine; the Redis implementation is reported against the in-memory one.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { FixedClock } from '../src/core/index.js';
import type { StoredEvent } from '../src/store/index.js';
import {
  FeatureEngine, RedisFeatureStore, computeFactoryMatrix, generateVariables, loadDemoFactorySpec, loadDemoFeatureSet,
  readSnapshot, writeSnapshot,
} from '../src/features/index.js';
import { rawEvents, worldEvents } from './features/bench-world.js';
import { measureFreshness } from './features/http-freshness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const round = (x: number, d = 2): number => Number(x.toFixed(d));

export async function run(args: { quick: boolean }): Promise<Record<string, unknown>> {
  const quick = args.quick;
  const out: Record<string, unknown> = {};
  const applicants = quick ? 3000 : 30_000;
  console.error(`features bench: ${applicants} simulated applicants through the demo feature set...`);
  const inProc = inProcess(applicants, quick ? 20_000 : 100_000);
  Object.assign(out, inProc.figures);
  Object.assign(out, await redis(inProc.redisEvents, out.events_per_s as number));
  const fresh = await measureFreshness(rawEvents(quick ? 1500 : 5000, 8), quick ? 150 : 1000);
  console.error(`HTTP freshness over ${fresh.probes} probes: p50 ${fresh.p50.toFixed(2)} ms, p99 ${fresh.p99.toFixed(2)} ms; ` +
    `of which the POST p50 ${fresh.postP50.toFixed(2)} ms, p99 ${fresh.postP99.toFixed(2)} ms ` +
    `(background ${Math.round(fresh.backgroundEventsPerS)} events/s through ingest)`);
  Object.assign(out, {
    freshness_p50_ms: round(fresh.p50, 3), freshness_p99_ms: round(fresh.p99, 3), freshness_max_ms: round(fresh.max, 3),
    freshness_post_p50_ms: round(fresh.postP50, 3), freshness_post_p99_ms: round(fresh.postP99, 3),
    freshness_probes: fresh.probes, freshness_background_events_per_s: Math.round(fresh.backgroundEventsPerS),
  });
  Object.assign(out, factory(quick));
  return out;
}

/**
 * The world is generated in chunks and only applying them is timed: the engine's heap holds its state, not a
 * million pending events (a server parses, applies and drops each event).
 */
function inProcess(applicants: number, keepForRedis: number): { figures: Record<string, unknown>; redisEvents: StoredEvent[] } {
  const set = loadDemoFeatureSet();
  let warm: FeatureEngine | undefined = new FeatureEngine({ clock: new FixedClock(0), sets: [set] });
  let engine: FeatureEngine | undefined = new FeatureEngine({ clock: new FixedClock(0), sets: [set] });
  const redisEvents: StoredEvent[] = [];
  const apps: StoredEvent[] = [];
  let wall = 0;
  let cpuSeconds = 0;
  let events = 0;
  let chunk: { offset: number; event: StoredEvent['event'] }[] = [];
  const applyChunk = (): void => {
    if (events < 100_000) for (const e of chunk) warm!.applyAppended('warm-up', [e]);
    else warm = undefined;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < chunk.length; i += 100) engine!.applyAppended('bench', chunk.slice(i, i + 100));
    wall += (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    cpuSeconds += (used.user + used.system) / 1e6;
    events += chunk.length;
    chunk = [];
  };
  for (const e of worldEvents(applicants, 7)) {
    if (redisEvents.length < keepForRedis) redisEvents.push(e);
    if (e.event.type === 'application.submitted') {
      apps.push(e);
      if (apps.length > 4000) apps.splice(0, 2000);
    }
    chunk.push({ offset: e.offset, event: e.event });
    if (chunk.length === 5000) applyChunk();
  }
  applyChunk();
  warm = undefined;
  const keys = engine!.keyCounts().find((k) => k.tenant === 'bench')!.keys;
  const eventsPerS = events / wall;
  console.error(`in process: ${events} events applied in ${wall.toFixed(2)} s = ${Math.round(eventsPerS)} events/s ` +
    `(${Math.round(events / cpuSeconds)} per CPU second); ${keys} keys`);

  // Decision reads: all 200 features as of an application (one of the world's last, read again as if not yet applied).
  const names = set.features.map((f) => f.name);
  const reads: number[] = [];
  for (const app of apps.slice(-2000)) {
    const t0 = performance.now();
    engine!.readNow('bench', app.event, names);
    reads.push((performance.now() - t0) * 1000);
  }
  reads.sort((a, b) => a - b);
  const rq = (f: number) => reads[Math.min(reads.length - 1, Math.floor(f * reads.length))];
  console.error(`decision reads (${names.length} features): p50 ${rq(0.5).toFixed(1)} us, p99 ${rq(0.99).toFixed(1)} us`);

  const dir = mkdtempSync(join(tmpdir(), 'argus-features-snap-'));
  const path = join(dir, 'state.snapshot');
  let t0 = performance.now();
  writeSnapshot(path, engine!);
  const writeS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  readSnapshot(path, new FeatureEngine({ clock: new FixedClock(0), sets: [set] }));
  const restoreS = (performance.now() - t0) / 1000;
  const bytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  console.error(`snapshot: ${(bytes / 1e6).toFixed(1)} MB (${Math.round(bytes / keys)} bytes/key) written in ${writeS.toFixed(2)} s, restored in ${restoreS.toFixed(2)} s`);
  // Memory per key: the heap the engine's state holds (measured by dropping it).
  gc();
  const withState = process.memoryUsage().heapUsed;
  engine = undefined;
  gc();
  const bytesPerKey = (withState - process.memoryUsage().heapUsed) / keys;
  console.error(`memory: ${Math.round(bytesPerKey)} bytes of heap per key`);
  return {
    redisEvents,
    figures: {
      events, features: names.length, entity_types: 8, keys,
      events_per_s: Math.round(eventsPerS), events_per_cpu_s: Math.round(events / cpuSeconds),
      bytes_per_key: Math.round(bytesPerKey),
      read_p50_us: round(rq(0.5), 1), read_p99_us: round(rq(0.99), 1),
      snapshot_mb: round(bytes / 1e6, 1), snapshot_write_s: round(writeS), snapshot_restore_s: round(restoreS),
    },
  };
}

async function redis(events: readonly StoredEvent[], memoryEventsPerS: number): Promise<Record<string, unknown>> {
  const client = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await client.connect();
  } catch (err) {
    console.error(`redis: not reachable (${(err as Error).message}); skipped`);
    return { events_per_s_redis: null };
  }
  const store = new RedisFeatureStore({ redis: client, sets: [loadDemoFeatureSet()], prefix: 'argus-bench:feat' });
  const tenant = `bench-${process.pid}`;
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) await store.applyBatch(tenant, events.slice(i, i + 500).map((e) => e.event));
    const eps = events.length / ((performance.now() - started) / 1000);
    console.error(`redis: ${events.length} events at ${Math.round(eps)} events/s (${(memoryEventsPerS / eps).toFixed(1)}x slower than in memory)`);
    return { events_per_s_redis: Math.round(eps), redis_events: events.length, memory_over_redis: round(memoryEventsPerS / eps, 1) };
  } finally {
    await store.dropTenant(tenant);
    await store.close();
    client.disconnect();
  }
}

/** Passes `source` through, adding the wall time spent producing each item to `clock.ms`. */
function* timed<T>(source: Iterable<T>, clock: { ms: number }): Generator<T> {
  const it = source[Symbol.iterator]();
  for (;;) {
    const t0 = performance.now();
    const next = it.next();
    clock.ms += performance.now() - t0;
    if (next.done) return;
    yield next.value;
  }
}

function factory(quick: boolean): Record<string, unknown> {
  const applicants = quick ? 3000 : 100_000;
  const count = quick ? 1000 : 10_000;
  const defs = [...generateVariables(loadDemoFactorySpec())];
  const stride = defs.length / count;
  const chosen = Array.from({ length: count }, (_, i) => defs[Math.floor(i * stride)].feature.name);
  console.error(`factory: ${defs.length} definitions; computing ${count} over a ${applicants}-applicant world streamed from the simulator...`);
  // The world is streamed from the simulator into the factory; the time spent generating it is measured and left
  // out of factory_s (reading a real log is part of the work; simulating one is not).
  const generation = { ms: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const matrix = computeFactoryMatrix({
    definitions: defs, chosen, events: timed(worldEvents(applicants, 9), generation),
    onProgress: (n, rows) => console.error(`  ${n} events, ${rows} applications`),
  });
  const backfillS = (performance.now() - started - generation.ms) / 1000;
  const deriveStarted = performance.now();
  let checksum = 0;
  for (const name of chosen) {
    const column = matrix.column(name);
    for (let r = 0; r < column.length; r += 97) if (column[r] === column[r]) checksum += column[r];
  }
  const deriveS = (performance.now() - deriveStarted) / 1000;
  const totalS = backfillS + deriveS;
  const used = process.cpuUsage(cpu);
  console.error(`factory: ${count} variables (${matrix.plan.features.length - count} base inputs besides) over ${matrix.rows} applications ` +
    `in ${totalS.toFixed(1)} s (backfill ${backfillS.toFixed(1)} s, derive ${deriveS.toFixed(1)} s; simulating the world took ` +
    `${(generation.ms / 1000).toFixed(1)} s more; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s in all)`);
  return {
    factory_definitions: defs.length, factory_variables: count, factory_inputs: matrix.plan.features.length, factory_applicants: applicants,
    factory_applications: matrix.rows, factory_s: round(totalS, 1), factory_backfill_s: round(backfillS, 1),
    factory_derive_s: round(deriveS, 1), factory_generation_s: round(generation.ms / 1000, 1),
    factory_cpu_s: round((used.user + used.system) / 1e6, 1), factory_checksum: round(checksum, 0),
  };
}
