// Streams an NDJSON file into the event log in chunks, so a file of millions of events is ingested with flat memory
// and reports progress as it goes. Worker threads prepare (parse, validate, hash) the next chunks while earlier ones
// are appended; preparing is the costliest stage, so there is one worker per core. Problems keep their index in the
// whole file, and chunks are appended in file order.
import { availableParallelism } from 'node:os';

import { createReadStream, statSync } from 'node:fs';
import type { IngestResult, Ingestor } from './ingestor.js';
import type { RecordProblem } from './event-validator.js';
import type { PreparedBatch } from './batch-preparer.js';

export interface FileIngestProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly received: number;
  readonly appended: number;
}

export interface FileIngestSummary extends Omit<IngestResult, 'rejected'> {
  readonly rejected: readonly RecordProblem[];
  /** Rejections beyond the ones kept in `rejected` (the list is capped so a bad file cannot exhaust memory). */
  readonly rejectedTotal: number;
}

const CHUNK_RECORDS = 10_000;
const KEEP_PROBLEMS = 1000;
/** Appends allowed in flight at once: the log commits them as one group while the next chunks are prepared. */
const APPENDS_IN_FLIGHT = 2;

export async function ingestNdjsonFile(
  ingestor: Ingestor,
  tenant: string,
  path: string,
  onProgress?: (progress: FileIngestProgress) => void,
): Promise<FileIngestSummary> {
  const bytesTotal = statSync(path).size;
  const workers = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, () => ingestor.startWorker());
  let bytesRead = 0;
  let lines: string[] = [];
  let carry = '';
  let submitted = 0;
  let chunkCount = 0;
  let received = 0, appended = 0, duplicates = 0, rejectedTotal = 0;
  let lastOffset: number | null = null;
  const rejected: RecordProblem[] = [];
  const preparing: Promise<PreparedBatch>[] = [];
  const appending: Promise<void>[] = [];

  const appendBatch = async (batch: PreparedBatch): Promise<void> => {
    const result = await ingestor.appendPrepared(tenant, batch);
    received += result.received;
    appended += result.appended;
    duplicates += result.duplicates;
    rejectedTotal += result.rejected.length;
    for (const p of result.rejected) if (rejected.length < KEEP_PROBLEMS) rejected.push(p);
    if (result.lastOffset !== null) lastOffset = result.lastOffset;
    onProgress?.({ bytesRead, bytesTotal, received, appended });
  };

  // Hands the chunk to the next worker; once every worker is busy, the oldest prepared chunk goes to the log.
  const submit = async (): Promise<void> => {
    if (lines.length === 0) return;
    preparing.push(workers[chunkCount++ % workers.length].prepare(lines.join('\n'), submitted));
    submitted += lines.length;
    lines = [];
    if (preparing.length > workers.length) await appendNext();
  };

  // An append that fails while others are in flight is reported at the next step, not as an unhandled rejection.
  let failure: unknown = null;
  const appendNext = async (): Promise<void> => {
    const batch = await preparing.shift()!;
    appending.push(appendBatch(batch).catch((err: unknown) => void (failure ??= err)));
    if (appending.length > APPENDS_IN_FLIGHT) await appending.shift();
    if (failure !== null) throw failure;
  };

  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      bytesRead += Buffer.byteLength(chunk as string);
      const parts = (carry + (chunk as string)).split('\n');
      carry = parts.pop() ?? '';
      for (const line of parts) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length >= CHUNK_RECORDS) await submit();
      }
    }
    if (carry.trim() !== '') lines.push(carry);
    await submit();
    while (preparing.length > 0) await appendNext();
    await Promise.all(appending);
    if (failure !== null) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  return { received, appended, duplicates, rejected, rejectedTotal, lastOffset };
}
