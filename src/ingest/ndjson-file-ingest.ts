// Streams an NDJSON file into the ingestor in chunks, so a file of millions of events is ingested with flat memory
// and reports progress as it goes. Problems keep their index in the whole file.

import { createReadStream, statSync } from 'node:fs';
import type { IngestResult, Ingestor } from './ingestor.js';
import type { RecordProblem } from './event-validator.js';

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
  let bytesRead = 0;
  let pending: string[] = [];
  let carry = '';
  let received = 0, appended = 0, duplicates = 0, rejectedTotal = 0;
  let lastOffset: number | null = null;
  const rejected: RecordProblem[] = [];

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const result = await ingestor.ingestNdjson(tenant, pending.join('\n'), {}, received);
    received += result.received;
    appended += result.appended;
    duplicates += result.duplicates;
    rejectedTotal += result.rejected.length;
    for (const p of result.rejected) if (rejected.length < KEEP_PROBLEMS) rejected.push(p);
    if (result.lastOffset !== null) lastOffset = result.lastOffset;
    pending = [];
    onProgress?.({ bytesRead, bytesTotal, received, appended });
  };

  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    bytesRead += Buffer.byteLength(chunk as string);
    const lines = (carry + (chunk as string)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      pending.push(line);
      if (pending.length >= CHUNK_RECORDS) await flush();
    }
  }
  if (carry.trim() !== '') pending.push(carry);
  await flush();
  return { received, appended, duplicates, rejected, rejectedTotal, lastOffset };
}
