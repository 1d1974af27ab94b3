// Speed work on the flow must not change a decision: replay compares audited decisions exactly. This runs the demo
// flows of two code versions side by side over the decision bench's world — this checkout's src/ and a git commit's
// src/ (extracted to a temporary folder, loaded in the same process: two separate module graphs) — and requires
// every result, recorded input and final variable to be deep-equal: champion (GBDT) and challenger (GBST), plain,
// with list hits, and traced. Then, unless --no-timing, it alternates the two versions' runFlow on the champion in
// one process and prints CPU µs per run for every round (the machine's speed drifts; alternating cancels it).
//
//   node --import tsx scripts/compare-flow-runs.ts <commit> [--applicants N] [--rounds N] [--no-timing]
//
// Exit 1 on the first difference (printed), 2 on bad arguments.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BENCH_SECRET, BENCH_TENANT, buildBenchWorld, precomputedReader } from '../bench/decision-bench-world.js';

const args = process.argv.slice(2);
const commit = args[0];
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args[at + 1]);
};
if (!commit || commit.startsWith('--')) {
  console.error('usage: compare-flow-runs.ts <commit> [--applicants N] [--rounds N] [--no-timing]');
  process.exit(2);
}
const repo = new URL('..', import.meta.url).pathname;
// Inside the checkout (under node_modules' parent), so the old sources resolve the same packages.
const base = mkdtempSync(join(repo, '.tmp-compare-'));
const folders = [base];
process.on('exit', () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
execFileSync('sh', ['-c', `git -C "${repo}" archive "${commit}" src | tar -x -C "${base}"`]);

async function version(root: string, name: string) {
  const core = await import(join(root, 'core/index.ts'));
  const ingest = await import(join(root, 'ingest/index.ts'));
  const wiring = await import(join(root, 'app/decision-wiring.ts'));
  const decision = await import(join(root, 'decision/index.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'argus-compare-'));
  folders.push(dir);
  const engine = wiring.openDecisionEngine({
    dataDir: dir, clock: core.systemClock, random: new core.Random(1), hasher: new ingest.KeyedHasher(BENCH_SECRET),
    features: precomputedReader(world.features), graph: precomputedReader(world.graph),
  });
  const { release } = decision.installDemoDecisions(engine.catalog, engine.models, BENCH_TENANT, 1_700_000_000_000);
  return {
    name, decision, engine, clock: new core.FixedClock(0),
    champion: engine.catalog.compiledFlow(BENCH_TENANT, release.champion),
    challenger: engine.catalog.compiledFlow(BENCH_TENANT, release.shadows[0]),
  };
}

const world = buildBenchWorld(option('--applicants', 2000));
const versions = [await version(join(base, 'src'), commit), await version(join(repo, 'src'), 'this checkout')];
type Version = (typeof versions)[number];

// Hits on some hashed values (by their last character), on every list, so the list paths run too.
const someHits = {
  lookup: (_tenant: string, type: string, value: string) => {
    const c = value.charCodeAt(value.length - 1) % 23;
    if (c === 0) return [{ list: 'black', reason: `r-${type}`, source: 'compare' }];
    if (c === 1) return [{ list: 'grey', reason: 'g', source: 'compare' }];
    if (c === 2) return [{ list: 'white', reason: 'w', source: 'compare' }, { list: 'grey', reason: 'g2', source: 'compare' }];
    return [];
  },
};
const noHits = { lookup: () => [] };

function run(v: Version, flow: unknown, i: number, mode: { lists?: unknown; trace?: boolean; time?: number }) {
  const e = world.prepared[i % world.prepared.length];
  return v.decision.runFlow(flow, {
    tenant: BENCH_TENANT, data: e.data, features: world.features.get(e.data.applicationId) ?? {},
    graph: world.graph.get(e.data.applicationId) ?? {}, lists: mode.lists ?? noHits, time: mode.time ?? Date.parse(e.time),
    clock: v.clock, trace: mode.trace, keepVariables: true,
  });
}

let compared = 0;
for (const which of ['champion', 'challenger'] as const) {
  for (const mode of [{}, { lists: someHits }, { lists: someHits, trace: true }]) {
    for (let i = 0; i < world.prepared.length; i++) {
      const [a, b] = versions.map((v) => run(v, v[which], i, mode));
      if (!isDeepStrictEqual(a, b)) {
        console.error(`different: ${which} flow, ${JSON.stringify(mode)}, application ${i}\n${commit}: ${JSON.stringify(a.result)}\nthis checkout: ${JSON.stringify(b.result)}`);
        process.exit(1);
      }
      compared++;
    }
  }
}
console.log(`identical: ${compared} runs (${world.prepared.length} applications x champion and challenger x plain, list hits, traced)`);

if (!args.includes('--no-timing')) {
  const rounds = option('--rounds', 20);
  const per = 5000;
  for (const v of versions) for (let i = 0; i < 10_000; i++) run(v, v.champion, i, { time: 0 });
  const times: number[][] = versions.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const before = process.cpuUsage();
      for (let i = 0; i < per; i++) run(versions[k], versions[k].champion, i, { time: 0 });
      const cpu = process.cpuUsage(before);
      times[k].push((cpu.user + cpu.system) / per);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const ratios = times[1].map((t, r) => t / times[0][r]);
  versions.forEach((v, k) => console.log(`${v.name}: median ${median(times[k]).toFixed(2)} µs CPU per runFlow; rounds ${times[k].map((t) => t.toFixed(1)).join(' ')}`));
  console.log(`this checkout / ${commit}, per round: median ${median(ratios).toFixed(3)}`);
}
for (const v of versions) await v.engine.close();
