// argus ingest FILE: validates, hashes and durably appends an NDJSON event file to the data folder's event log.
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, openArgus } from '../../app/index.js';
import { ingestNdjsonFile } from '../../ingest/index.js';
import { startProgress } from '../progress.js';

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('ingest an NDJSON file of events into the event log')
    .argument('<file>', 'NDJSON file, one event per line')
    .option('--data <dir>', 'data folder', './argus-data')
    .option('--tenant <name>', 'tenant the events belong to', DEFAULT_TENANT)
    .action(async (file: string, opts: { data: string; tenant: string }) => {
      const app = await openArgus(loadConfig({ data: opts.data }));
      try {
        const summary = await ingestFileWithProgress(app.services.ingestor, opts.tenant, file);
        for (const p of summary.rejected.slice(0, 10)) {
          console.error(`record ${p.index}: ${p.code} at ${p.path}: ${p.message}`);
        }
        if (summary.rejectedTotal > 0) process.exitCode = 2;
      } finally {
        await app.close();
      }
    });
}

export async function ingestFileWithProgress(
  ingestor: Parameters<typeof ingestNdjsonFile>[0],
  tenant: string,
  file: string,
): ReturnType<typeof ingestNdjsonFile> {
  const started = Date.now();
  let progress: ReturnType<typeof startProgress> | undefined;
  const summary = await ingestNdjsonFile(ingestor, tenant, file, (p) => {
    progress ??= startProgress('ingest', p.bytesTotal, 'bytes');
    progress.update(p.bytesRead, `${p.appended} events`);
  });
  const seconds = (Date.now() - started) / 1000;
  const line =
    `ingested ${summary.received} records from ${file}: ${summary.appended} appended, ${summary.duplicates} duplicates, ` +
    `${summary.rejectedTotal} rejected in ${seconds.toFixed(1)} s (${Math.round(summary.received / Math.max(seconds, 1e-3))} events/s)`;
  if (progress) progress.finish(line);
  else console.log(line);
  return summary;
}
