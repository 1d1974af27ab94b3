// Decision engine benchmark: the demo flow (lists, 55 rules, scorecard, GBDT model, pricing table, limit matrix,
// with the GBST challenger in shadow) on a synthetic world's applications.
//  - in process, single thread: DecisionService.decideEvent end to end (release, split, run, audit record masked and
//    queued, shadow run) and runFlow alone, with decisions/s and p50/p99 latency;
//  - over HTTP: two cluster workers on one port (BENCH_HTTP_WORKERS=N to try another count), wrk on loopback,
//    POST /v1/decide (validation, hashing, group-commit append to the event log, audit, live feature/graph/list
//    updates from the append) — decisions/s and p99. The champion alone is released. Then the same wrk script
//    against a bare node:http server that only parses each body and answers a constant (http-floor-worker.ts): the
//    most a Node.js server answers on this machine at that minute, the ceiling the HTTP figure sits under;
//  - the demo's pricing table through @gorules/zen-engine vs Argus, ratio ours/zen time.
// Feature and graph values are precomputed point-in-time (their read cost belongs to the features and graph
// benches), so every rule runs on the values it would see live. The headline in-process figure is the champion
// alone; the shadow challenger doubles the flow work and is reported next to it.
import cluster from 'node:cluster';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, Random, systemClock } from '../src/core/index.js';
import { KeyedHasher } from '../src/ingest/index.js';
import { openDecisionEngine } from '../src/app/decision-wiring.js';
import { DEMO_SLOT, installDemoDecisions, runFlow } from '../src/decision/index.js';
import { BENCH_SECRET, BENCH_TENANT, buildBenchWorld, precomputedReader, type BenchWorld } from './decision-bench-world.js';
import { compareWithZen } from './decision-zen.js';

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function inProcess(world: BenchWorld, seconds: number, withShadow: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'argus-decision-bench-'));
  const engine = openDecisionEngine({
    dataDir: dir, clock: systemClock, random: new Random(1), hasher: new KeyedHasher(BENCH_SECRET), features: precomputedReader(world.features),
    graph: precomputedReader(world.graph),
  });
  const { release } = installDemoDecisions(engine.catalog, engine.models, BENCH_TENANT, Date.now());
  if (!withShadow) engine.catalog.release(BENCH_TENANT, DEMO_SLOT, { champion: release.champion });
  const events = world.prepared;
  // Warm up (JIT, caches), then time.
  for (let i = 0; i < 5000; i++) await engine.decisions.decideEvent(BENCH_TENANT, DEMO_SLOT, events[i % events.length], { append: false });
  const latencies = new Float64Array(2_000_000);
  const outcomes: Record<string, number> = {};
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until && n < latencies.length) {
    for (let k = 0; k < 256; k++, n++) {
      const t = performance.now();
      const r = await engine.decisions.decideEvent(BENCH_TENANT, DEMO_SLOT, events[n % events.length], { append: false });
      latencies[n] = performance.now() - t;
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.slice(0, n).sort();
  // The flow alone, without the service around it (no shadow, no audit).
  const flow = engine.catalog.compiledFlow(BENCH_TENANT, release.champion);
  const clock = new FixedClock(0);
  const runOnce = (i: number) => {
    const e = events[i % events.length];
    return runFlow(flow, { tenant: BENCH_TENANT, data: e.data, features: world.features.get(e.data.applicationId) ?? {}, graph: world.graph.get(e.data.applicationId) ?? {}, lists: NO_HITS, time: 0, clock });
  };
  for (let i = 0; i < 5000; i++) runOnce(i);
  const flowRuns = Math.max(20_000, Math.round(n / 2));
  const t0 = performance.now();
  for (let i = 0; i < flowRuns; i++) runOnce(i);
  const flowUs = ((performance.now() - t0) * 1000) / flowRuns;
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    decisions: n, seconds: elapsed, perSecond: n / elapsed, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), outcomes, flowUs,
  };
}

const NO_HITS = { lookup: () => [] };

/** Which server answers: Argus's workers, or the bare node:http floor (http-floor-worker.ts) on the same wrk script. */
type HttpServer = 'argus' | 'floor';

export async function overHttp(world: BenchWorld, seconds: number, connections: number, append: boolean, server: HttpServer = 'argus') {
  const dir = mkdtempSync(join(tmpdir(), 'argus-decision-http-'));
  const featuresFile = join(dir, 'bench-features.json');
  const graphFile = join(dir, 'bench-graph.json');
  // Argus's workers need the demo installed once, before they start, and the precomputed values; the floor neither.
  if (server === 'argus') {
    const setup = openDecisionEngine({ dataDir: dir, clock: systemClock, random: new Random(2), hasher: new KeyedHasher(BENCH_SECRET) });
    const { release } = installDemoDecisions(setup.catalog, setup.models, BENCH_TENANT, Date.now());
    // The champion alone, as the in-process headline (a shadow runs a second flow on every request).
    setup.catalog.release(BENCH_TENANT, DEMO_SLOT, { champion: release.champion });
    await setup.close();
    writeFileSync(featuresFile, JSON.stringify([...world.features.entries()]));
    writeFileSync(graphFile, JSON.stringify([...world.graph.entries()]));
  }
  const port = 18_000 + Math.floor(Math.random() * 2000);
  // BENCH_CPU_PROF=<dir>: each worker writes a CPU profile there (to see where a request's time goes).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const exec = join(import.meta.dirname, server === 'argus' ? 'decision-http-worker.ts' : 'http-floor-worker.ts');
  cluster.setupPrimary({ exec, execArgv: ['--import', 'tsx', ...profile], silent: false });
  const env = { BENCH_DATA: dir, BENCH_PORT: String(port), BENCH_FEATURES: featuresFile, BENCH_GRAPH: graphFile, BENCH_SECRET, ARGUS_LOG: 'silent' };
  const workers = Array.from({ length: Number(process.env.BENCH_HTTP_WORKERS ?? 2) }, () => cluster.fork(env));
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.on('message', (m: { ready?: boolean }) => m.ready && resolve());
    w.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  })));
  // wrk rotates through the world's applications; every request gets a fresh envelope id (a new event to append).
  const bodies = world.raw.slice(0, 2000).map((e) => {
    const text = JSON.stringify({ ...e, id: '@@ID@@' });
    const [head, tail] = text.split('@@ID@@');
    return `{${luaString(head)}, ${luaString(tail)}}`;
  });
  const script = join(dir, 'decide.lua');
  writeFileSync(script, `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {${bodies.join(',\n')}}
local n = 0
local tag = tostring(math.random(1, 1e9))
request = function()
  n = n + 1
  local b = bodies[(n % #bodies) + 1]
  return wrk.format(nil, "/v1/decide/${DEMO_SLOT}${append ? '' : '?append=false'}", nil, b[1] .. "bench-" .. tag .. "-" .. n .. b[2])
end
`);
  const url = `http://127.0.0.1:${port}`;
  const wrkArgs = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url];
  // The primary hands connections to the workers (round robin), so it must not block: wrk runs asynchronously.
  await runWrk(['-t1', `-c${connections}`, '-d2s', '-s', script, url]); // warm-up
  for (const w of workers) w.send({ mark: true });
  const out = await runWrk(wrkArgs);
  const usages = await Promise.all(workers.map((w) => new Promise<{ processCpuMs: number; mainThreadBusyMs: number }>((resolve) => {
    w.on('message', (m: { usage?: { processCpuMs: number; mainThreadBusyMs: number } }) => m.usage && resolve(m.usage));
    w.send({ usage: true });
  })));
  if (process.env.BENCH_KEEP) console.error(`kept ${dir}; wrk ${wrkArgs.join(' ')}`);
  for (const w of workers) w.send({ stop: true });
  await Promise.all(workers.map((w) => new Promise((resolve) => w.on('exit', resolve))));
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  const parsed = parseWrk(out.stdout + out.stderr);
  // Where the two cores went, per request: both server processes (all their threads), their main threads alone, wrk.
  const requests = parsed.perSecond * seconds;
  const perRequestUs = (ms: number): number => Number(((ms * 1000) / Math.max(1, requests)).toFixed(1));
  const cpu = {
    server_cpu_us_per_request: perRequestUs(usages.reduce((a, u) => a + u.processCpuMs, 0)),
    server_main_thread_us_per_request: perRequestUs(usages.reduce((a, u) => a + u.mainThreadBusyMs, 0)),
    wrk_cpu_us_per_request: perRequestUs(out.cpuMs),
  };
  return { ...parsed, ...cpu };
}

/** Runs wrk under /usr/bin/time to learn its CPU time (user + system, ms). */
function runWrk(args: string[]): Promise<{ stdout: string; stderr: string; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'wrk-cpu %U %S', 'wrk', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const m = /wrk-cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ stdout, stderr, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN });
    });
  });
}

function luaString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function parseWrk(text: string) {
  const unit = (v: string, u: string): number => Number(v) * (u === 'us' ? 0.001 : u === 's' ? 1000 : 1);
  const lat = (p: string): number | null => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(text);
    return m ? unit(m[1], m[2]) : null;
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const errors = /Socket errors:.*/.exec(text);
  return { perSecond: rps ? Number(rps[1]) : 0, p50: lat('50'), p99: lat('99'), non2xx: non2xx ? Number(non2xx[1]) : 0, errors: errors?.[0] ?? null, raw: text };
}

export async function run(args: { quick: boolean }): Promise<Record<string, unknown>> {
  const quick = args.quick;
  const t = Date.now();
  const world = buildBenchWorld(quick ? 1500 : 6000);
  console.error(`world: ${world.prepared.length} applications with point-in-time features (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  const inproc = await inProcess(world, quick ? 4 : 15, false);
  console.error(`in process: ${inproc.decisions} decisions in ${inproc.seconds.toFixed(1)} s = ${Math.round(inproc.perSecond)}/s, p50 ${(inproc.p50 * 1000).toFixed(1)} µs, p99 ${(inproc.p99 * 1000).toFixed(1)} µs (decide: release, split, flow, audit record); flow alone ${inproc.flowUs.toFixed(1)} µs`);
  console.error(`outcomes: ${JSON.stringify(inproc.outcomes)}`);
  const shadowed = await inProcess(world, quick ? 3 : 10, true);
  console.error(`in process with the GBST challenger in shadow: ${Math.round(shadowed.perSecond)}/s, p50 ${(shadowed.p50 * 1000).toFixed(1)} µs, p99 ${(shadowed.p99 * 1000).toFixed(1)} µs`);

  const zen = await compareWithZen(quick ? 20_000 : 100_000);
  console.error(`pricing table: Argus ${zen.ours_us.toFixed(2)} µs, zen-engine ${zen.zen_us.toFixed(2)} µs per evaluation (ratio ours/zen ${zen.ratio.toFixed(3)})`);

  let http: Awaited<ReturnType<typeof overHttp>> | null = null;
  // wrk --version exits 1 even when present: only a failure to start it means it is missing.
  if (spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error) {
    console.error('wrk missing: installing (apt-get)');
    spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq wrk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  http = await overHttp(world, quick ? 5 : 20, 64, true);
  console.error(`HTTP (2 workers, wrk 64 connections, default: append to the event log): ${Math.round(http.perSecond)} decisions/s, p50 ${http.p50} ms, p99 ${http.p99} ms, non-2xx ${http.non2xx}${http.errors ? `, ${http.errors}` : ''}; CPU per request: servers ${http.server_cpu_us_per_request} µs (main threads ${http.server_main_thread_us_per_request} µs), wrk ${http.wrk_cpu_us_per_request} µs`);
  if (http.perSecond === 0) console.error(http.raw);
  const noAppend = await overHttp(world, quick ? 5 : 20, 64, false);
  console.error(`HTTP (?append=false: decide only): ${Math.round(noAppend.perSecond)} decisions/s, p50 ${noAppend.p50} ms, p99 ${noAppend.p99} ms, non-2xx ${noAppend.non2xx}; CPU per request: servers ${noAppend.server_cpu_us_per_request} µs (main threads ${noAppend.server_main_thread_us_per_request} µs), wrk ${noAppend.wrk_cpu_us_per_request} µs`);
  // The same requests to a bare node:http server that only parses them and answers a constant: this minute's ceiling.
  const floor = await overHttp(world, quick ? 5 : 20, 64, true, 'floor');
  console.error(`HTTP floor (bare node:http, JSON.parse, constant answer; same wrk): ${Math.round(floor.perSecond)} requests/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms; CPU per request: servers ${floor.server_cpu_us_per_request} µs, wrk ${floor.wrk_cpu_us_per_request} µs`);

  return {
    applications: world.prepared.length,
    inprocess_per_s_per_core: Math.round(inproc.perSecond),
    inprocess_p50_us: Number((inproc.p50 * 1000).toFixed(1)),
    inprocess_p99_us: Number((inproc.p99 * 1000).toFixed(1)),
    inprocess_with_shadow_per_s: Math.round(shadowed.perSecond),
    inprocess_with_shadow_p99_us: Number((shadowed.p99 * 1000).toFixed(1)),
    flow_only_us: Number(inproc.flowUs.toFixed(2)),
    flow_only_per_s: Math.round(1e6 / inproc.flowUs),
    http_per_s: Math.round(http.perSecond),
    http_p50_ms: http.p50,
    http_p99_ms: http.p99,
    http_non2xx: http.non2xx,
    http_server_cpu_us_per_request: http.server_cpu_us_per_request,
    http_server_main_thread_us_per_request: http.server_main_thread_us_per_request,
    http_wrk_cpu_us_per_request: http.wrk_cpu_us_per_request,
    http_noappend_per_s: Math.round(noAppend.perSecond),
    http_noappend_p50_ms: noAppend.p50,
    http_noappend_p99_ms: noAppend.p99,
    http_noappend_server_cpu_us_per_request: noAppend.server_cpu_us_per_request,
    http_noappend_server_main_thread_us_per_request: noAppend.server_main_thread_us_per_request,
    http_noappend_wrk_cpu_us_per_request: noAppend.wrk_cpu_us_per_request,
    http_floor_per_s: Math.round(floor.perSecond),
    http_floor_p99_ms: floor.p99,
    http_floor_server_cpu_us_per_request: floor.server_cpu_us_per_request,
    http_vs_floor: Number((http.perSecond / Math.max(1, floor.perSecond)).toFixed(3)),
    zen_table_us: Number(zen.zen_us.toFixed(2)),
    argus_table_us: Number(zen.ours_us.toFixed(3)),
    zen_table_ratio: Number(zen.ratio.toFixed(4)),
  };
}
