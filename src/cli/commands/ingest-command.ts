// argus ingest FILE: validates, hashes and durably appends an NDJSON event file to the data folder's event log, or
// with --nats to the scale-out event log on NATS JetStream (the data folder then only supplies the PII secret).
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, loadPiiSecret, openArgus } from '../../app/index.js';
import { RiskError } from '../../core/index.js';
import { Ingestor, KeyedHasher, ingestNdjsonFile } from '../../ingest/index.js';
import { openNatsEventLog } from '../../store/index.js';
import { startProgress } from '../progress.js';

interface IngestOptions {
  readonly data: string;
  readonly tenant: string;
  readonly nats?: string;
  readonly stream: string;
  readonly subjectPrefix: string;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('ingest an NDJSON file of events into the event log')
    .argument('<file>', 'NDJSON file, one event per line')
    .option('--data <dir>', 'data folder', './argus-data')
    .option('--tenant <name>', 'tenant the events belong to', DEFAULT_TENANT)
    .option('--nats <url>', 'append to the NATS JetStream event log at this server (e.g. nats://127.0.0.1:4222)')
    .option('--stream <name>', 'JetStream stream, with --nats', 'ARGUS_EVENTS')
    .option('--subject-prefix <prefix>', 'subject prefix of the stream, with --nats', 'argus.events')
    .action(async (file: string, opts: IngestOptions) => {
      const summary = opts.nats ? await ingestIntoNats(file, opts) : await ingestIntoDataFolder(file, opts);
      for (const p of summary.rejected.slice(0, 10)) {
        console.error(`record ${p.index}: ${p.code} at ${p.path}: ${p.message}`);
      }
      if (summary.rejectedTotal > 0) process.exitCode = 2;
    });
}

async function ingestIntoDataFolder(file: string, opts: IngestOptions): ReturnType<typeof ingestNdjsonFile> {
  const app = await openArgus(loadConfig({ data: opts.data }));
  try {
    return await ingestFileWithProgress(app.services.ingestor, opts.tenant, file);
  } finally {
    await app.close();
  }
}

async function ingestIntoNats(file: string, opts: IngestOptions): ReturnType<typeof ingestNdjsonFile> {
  const config = loadConfig({ data: opts.data });
  // Loaded here, not at the top: embedded mode never needs the NATS client.
  const { connect } = await import('nats');
  const nc = await connect({ servers: opts.nats }).catch((err: Error) => {
    throw new RiskError('STORE_LOG_UNAVAILABLE', `cannot reach NATS at ${opts.nats}: ${err.message}`, { url: opts.nats });
  });
  try {
    const log = await openNatsEventLog(nc, { stream: opts.stream, subjectPrefix: opts.subjectPrefix });
    const ingestor = new Ingestor(log, new KeyedHasher(loadPiiSecret(config.dataDir, config.piiSecret)));
    const summary = await ingestFileWithProgress(ingestor, opts.tenant, file);
    await log.close();
    return summary;
  } finally {
    await nc.close();
  }
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
