// Streams an NDJSON file into the event log in chunks, so a file of millions of events is ingested with flat memory
// and reports progress as it goes. A worker thread prepares chunk n+1 while chunk n is appended. Problems keep
// their index in the whole file.

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

export async function ingestNdjsonFile(
  ingestor: Ingestor,
  tenant: string,
  path: string,
  onProgress?: (progress: FileIngestProgress) => void,
): Promise<FileIngestSummary> {
  const bytesTotal = statSync(path).size;
  const preparer = ingestor.startWorker();
  let bytesRead = 0;
  let lines: string[] = [];
  let carry = '';
  let submitted = 0;
  let received = 0, appended = 0, duplicates = 0, rejectedTotal = 0;
  let lastOffset: number | null = null;
  const rejected: RecordProblem[] = [];
  let inFlight: Promise<PreparedBatch> | null = null;

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

  // Keeps one chunk preparing in the worker while the previous one is appended here.
  const submit = async (): Promise<void> => {
    if (lines.length === 0) return;
    const next = preparer.prepare(lines.join('\n'), submitted);
    submitted += lines.length;
    lines = [];
    if (inFlight) await appendBatch(await inFlight);
    inFlight = next;
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
    if (inFlight) await appendBatch(await inFlight);
  } finally {
    await preparer.close();
  }
  return { received, appended, duplicates, rejected, rejectedTotal, lastOffset };
}
