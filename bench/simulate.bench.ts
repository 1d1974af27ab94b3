// Benchmark of the synthetic world generator: applicants/s and events/s writing events.ndjson + truth.ndjson, and the
// live heap after a forced GC at each tenth of the run, which should track active applicants and loans rather than
// the number of events written. No peer exists to compare against.
// Usage: npm run bench -- simulate [--quick] [--applicants N]   (default 100 000; 20 000 with --quick)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simulateToFiles } from '../src/simulate/index.js';

export async function run(args: { quick: boolean; argv?: string[] }): Promise<Record<string, unknown>> {
  const argv = args.argv ?? [];
  const flag = argv.indexOf('--applicants');
  const applicants = flag >= 0 ? Number(argv[flag + 1]) : args.quick ? 20_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'argus-bench-simulate-'));
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let peakLiveHeapMb = 0;
  let peakRssMb = 0;
  let gcMs = 0;
  const heapAt: string[] = [];
  const tenth = Math.max(1000, Math.floor(applicants / 10 / 1000) * 1000);
  try {
    const cpu = process.cpuUsage();
    const summary = await simulateToFiles({ applicants, seed: 1 }, dir, (p) => {
      if (p.applicantsDone % tenth !== 0 && p.applicantsDone !== applicants) return;
      const started = performance.now();
      gc();
      gcMs += performance.now() - started;
      const m = process.memoryUsage();
      const live = m.heapUsed / 1e6;
      peakLiveHeapMb = Math.max(peakLiveHeapMb, live);
      peakRssMb = Math.max(peakRssMb, m.rss / 1e6);
      heapAt.push(`${p.applicantsDone}:${Math.round(live)}MB`);
      process.stderr.write(`simulate: ${p.applicantsDone}/${applicants} applicants, ${p.events} events, live heap ${Math.round(live)} MB\n`);
    });
    const used = process.cpuUsage(cpu);
    const bytes = statSync(summary.files.events).size + statSync(summary.files.truth).size;
    return {
      applicants,
      events: summary.events,
      seconds: summary.seconds,
      forcedGcSeconds: Math.round(gcMs) / 1000,
      applicantsPerSecond: Math.round(applicants / (summary.seconds - gcMs / 1000)),
      eventsPerSecond: Math.round(summary.events / (summary.seconds - gcMs / 1000)),
      cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
      megabytesWritten: Math.round(bytes / 1e6),
      peakLiveHeapMb: Math.round(peakLiveHeapMb),
      peakRssMb: Math.round(peakRssMb),
      liveHeapByApplicantsDone: heapAt.join(' '),
      loans: summary.loans,
      defaults: summary.defaults,
      rings: summary.rings,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
