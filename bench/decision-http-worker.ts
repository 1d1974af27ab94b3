// One HTTP worker of the decision benchmark (node:cluster): opens the shared data folder as a worker of
// `argus serve --workers N` does, reads precomputed feature and graph values (as the in-process figures do), and
// serves the API on the shared port. Not a benchmark by itself. Graph values are precomputed rather than read live
// because the bench re-sends the same applicants under fresh ids, so a live graph would grow hubs no real book has
// (the graph engine still takes every appended application; its read cost is the graph bench's).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig, openArgus } from '../src/app/index.js';
import { precomputedReader } from './decision-bench-world.js';

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
// `mark` starts the CPU accounting of the timed run; `usage` reports it: the process's CPU (every thread: the event
// loop, the log and audit writer threads, GC helpers) and the main thread's own CPU (Linux: /proc/self/task/<pid>/stat;
// the event loop's busy time elsewhere, which also counts time the thread waited for a core).
const mainThreadCpuMs = (): number | null => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
};
let cpuFrom = process.cpuUsage();
let eluFrom = performance.eventLoopUtilization();
let mainFrom = mainThreadCpuMs();
process.on('message', (msg: { stop?: boolean; mark?: boolean; usage?: boolean }) => {
  if (msg.mark) {
    cpuFrom = process.cpuUsage();
    eluFrom = performance.eventLoopUtilization();
    mainFrom = mainThreadCpuMs();
  }
  if (msg.usage) {
    const cpu = process.cpuUsage(cpuFrom);
    const elu = performance.eventLoopUtilization(eluFrom);
    const main = mainThreadCpuMs();
    const mainThreadMs = main !== null && mainFrom !== null ? main - mainFrom : elu.active;
    process.send?.({ usage: { processCpuMs: (cpu.user + cpu.system) / 1000, mainThreadBusyMs: mainThreadMs } });
  }
  if (msg.stop) void app.api.close().then(() => app.decision.close()).then(() => process.exit(0));
});
