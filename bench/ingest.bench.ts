// Ingest benchmark: simulator throughput (applicants/s, writing NDJSON) and durable ingest throughput (events/s from
// an NDJSON file into the SQLite event log with fsync per commit), plus the same through HTTP (POST NDJSON batches).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateToFiles } from '../src/simulate/index.js';
import { Ingestor, KeyedHasher, ingestNdjsonFile } from '../src/ingest/index.js';
import { SqliteEventLog } from '../src/store/index.js';
import { loadConfig, openArgus } from '../src/app/index.js';

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  const applicants = quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'argus-bench-ingest-'));
  try {
    const sim = await simulateToFiles({ applicants, seed: 1 }, join(dir, 'world'));
    const simRate = sim.applicants / sim.seconds;
    console.error(`simulate: ${sim.applicants} applicants, ${sim.events} events in ${sim.seconds.toFixed(2)} s = ${Math.round(simRate)} applicants/s`);

    const log = new SqliteEventLog(join(dir, 'file-ingest', 'events.db'));
    const ingestor = new Ingestor(log, new KeyedHasher('bench-secret-0123456789abcdef'));
    const t0 = performance.now();
    const summary = await ingestNdjsonFile(ingestor, 'default', sim.files.events);
    const fileSeconds = (performance.now() - t0) / 1000;
    await log.close();
    const eventsPerS = summary.appended / fileSeconds;
    console.error(`file ingest: ${summary.appended} events durably in ${fileSeconds.toFixed(2)} s = ${Math.round(eventsPerS)} events/s`);

    const httpRate = await httpIngest(join(dir, 'http'), sim.files.events);
    console.error(`HTTP ingest (NDJSON batches of 5000): ${Math.round(httpRate)} events/s`);

    return {
      applicants,
      events: summary.appended,
      events_per_s: Math.round(eventsPerS),
      http_events_per_s: Math.round(httpRate),
      sim_applicants_per_s: Math.round(simRate),
      sim_events_per_s: Math.round(sim.events / sim.seconds),
      target_events_per_s: 100_000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function httpIngest(dataDir: string, eventsFile: string): Promise<number> {
  const app = await openArgus(loadConfig({ data: dataDir, port: 0 }));
  const address = await app.api.listen({ host: '127.0.0.1', port: 0 });
  try {
    const lines = readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l !== '');
    const batches: string[] = [];
    for (let i = 0; i < lines.length; i += 5000) batches.push(lines.slice(i, i + 5000).join('\n'));
    const t0 = performance.now();
    let appended = 0;
    for (const body of batches) {
      const res = await fetch(`${address}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      appended += ((await res.json()) as { appended: number }).appended;
    }
    return appended / ((performance.now() - t0) / 1000);
  } finally {
    await app.close();
  }
}
