// Ingest benchmark: simulator throughput (applicants/s, writing NDJSON) and durable ingest throughput (events/s from
// an NDJSON file into the SQLite event log with fsync per commit), plus the same through HTTP (POST NDJSON batches).
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateToFiles } from '../src/simulate/index.js';
import { Ingestor, KeyedHasher, ingestNdjsonFile } from '../src/ingest/index.js';
import { SqliteEventLog } from '../src/store/index.js';
import { loadConfig, openArgus } from '../src/app/index.js';

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  // Quick: 30,000 applicants (~650,000 events) — small enough for well under a minute, large enough that the
  // prepare workers' start-up (~0.3 s under tsx) does not dominate the figure.
  const applicants = quick ? 30_000 : 100_000;
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

    const httpEvents = Math.min(summary.appended, quick ? 200_000 : 500_000);
    const httpRate = await httpIngest(join(dir, 'http'), sim.files.events, httpEvents);
    console.error(`HTTP ingest (${httpEvents} events, NDJSON batches of 5000, one request at a time): ${Math.round(httpRate)} events/s`);

    return {
      applicants,
      events: summary.appended,
      events_per_s: Math.round(eventsPerS),
      http_events: httpEvents,
      http_events_per_s: Math.round(httpRate),
      sim_applicants_per_s: Math.round(simRate),
      sim_events_per_s: Math.round(sim.events / sim.seconds),
      target_events_per_s: 100_000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POSTs the file's first `limit` events as NDJSON batches of 5000, one request at a time, and returns events/s. */
async function httpIngest(dataDir: string, eventsFile: string, limit: number): Promise<number> {
  const app = await openArgus(loadConfig({ data: dataDir, port: 0 }));
  const address = await app.api.listen({ host: '127.0.0.1', port: 0 });
  try {
    let batch: string[] = [];
    let sent = 0;
    let appended = 0;
    let busyMs = 0;
    const post = async (): Promise<void> => {
      const t = performance.now();
      const res = await fetch(`${address}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: batch.join('\n') });
      appended += ((await res.json()) as { appended: number }).appended;
      busyMs += performance.now() - t;
      batch = [];
    };
    for await (const line of createInterface({ input: createReadStream(eventsFile), crlfDelay: Infinity })) {
      if (line === '') continue;
      batch.push(line);
      if (++sent >= limit) break;
      if (batch.length === 5000) await post();
    }
    if (batch.length > 0) await post();
    // Only the time spent in requests counts: reading the file is the client's work, not the server's.
    return appended / (busyMs / 1000);
  } finally {
    await app.close();
  }
}
