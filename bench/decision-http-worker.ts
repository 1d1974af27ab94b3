// One HTTP worker of the decision benchmark (node:cluster): opens the shared data folder as a worker of
// `argus serve --workers N` does, reads precomputed feature and graph values (as the in-process figures do), and
// serves the API on the shared port. Not a benchmark by itself. Graph values are precomputed rather than read live
// because the bench re-sends the same applicants under fresh ids, so a live graph would grow hubs no real book has
// (the graph engine still takes every appended application; its read cost is the graph bench's).
import { readFileSync } from 'node:fs';
import { loadConfig, openArgus } from '../src/app/index.js';
import { precomputedReader } from './decision-bench-world.js';
import { answerBenchPrimary } from './worker-usage.js';

const dataDir = process.env.BENCH_DATA!;
const port = Number(process.env.BENCH_PORT);
const precomputed = (file: string) => new Map<string, Record<string, number | null>>(JSON.parse(readFileSync(file, 'utf8')));
const features = precomputed(process.env.BENCH_FEATURES!);
const graph = precomputed(process.env.BENCH_GRAPH!);
// As `argus serve --workers 2` runs its workers: sharing the data folder, each following the shared log (every
// worker applies every worker's appends), none writing snapshots here.
const config = loadConfig({ data: dataDir, port, host: '127.0.0.1' }, { ...process.env, ARGUS_PII_SECRET: process.env.BENCH_SECRET });
const app = await openArgus({ ...config, shared: { writesSnapshots: false } }, {
  features: precomputedReader(features),
  graph: precomputedReader(graph),
});
await app.api.listen({ host: '127.0.0.1', port });
process.send?.({ ready: true });
// Stop without the engines' shutdown snapshots: two workers would write the same snapshot files at once.
answerBenchPrimary(() => app.api.close().then(() => app.decision.close()));
