// Streams an NDJSON file into the event log in chunks, so a file of millions of events is ingested with flat memory
// and reports progress as it goes. Worker threads prepare (parse, validate, hash) the next chunks while earlier ones
// are appended; preparing is the costliest stage, so there is one worker per core. Problems keep their index in the
// whole file, and chunks are appended in file order.
import { availableParallelism } from 'node:os';

import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

/** Bytes read at a time; each read, cut at its last newline, is one batch (~10,000 events of a loan book). */
const CHUNK_BYTES = 4 << 20;
const KEEP_PROBLEMS = 1000;
const NEWLINE = 0x0a;
/** Appends allowed in flight at once: the log commits them as one group while the next chunks are prepared. */
const APPENDS_IN_FLIGHT = 2;

export async function ingestNdjsonFile(
  ingestor: Ingestor,
  tenant: string,
  path: string,
  onProgress?: (progress: FileIngestProgress) => void,
): Promise<FileIngestSummary> {
  const bytesTotal = statSync(path).size;
  const file = await open(path, 'r');
  const workers = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, () => ingestor.startWorker());
  let bytesRead = 0;
  let chunkCount = 0;
  /** Records of the batches handed to the log so far: a worker numbers its problems from 0, this makes them file-wide. */
  let indexBase = 0;
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

  // Hands the bytes to the next worker; once every worker is busy, the oldest prepared batch goes to the log.
  const submit = async (bytes: Uint8Array): Promise<void> => {
    if (bytes.length === 0) return;
    preparing.push(workers[chunkCount++ % workers.length].prepare(bytes));
    if (preparing.length > workers.length) await appendNext();
  };

  // An append that fails while others are in flight is reported at the next step, not as an unhandled rejection.
  let failure: unknown = null;
  const appendNext = async (): Promise<void> => {
    const prepared = await preparing.shift()!;
    const batch = { ...prepared, problems: prepared.problems.map((p) => ({ ...p, index: p.index + indexBase })) };
    indexBase += prepared.received;
    appending.push(appendBatch(batch).catch((err: unknown) => void (failure ??= err)));
    if (appending.length > APPENDS_IN_FLIGHT) await appending.shift();
    if (failure !== null) throw failure;
  };

  try {
    // Raw bytes, never decoded here: each read is cut after its last newline (a byte no multi-byte UTF-8 character
    // contains) and handed over whole; the tail after the cut starts the next read.
    let carry = new Uint8Array(0);
    for (;;) {
      const chunk = new Uint8Array(carry.length + CHUNK_BYTES);
      chunk.set(carry);
      const { bytesRead: n } = await file.read(chunk, carry.length, CHUNK_BYTES, null);
      bytesRead += n;
      const end = carry.length + n;
      if (n === 0) {
        await submit(chunk.subarray(0, end));
        break;
      }
      const cut = chunk.lastIndexOf(NEWLINE, end - 1);
      carry = chunk.slice(cut + 1, end); // a copy: the chunk's buffer is transferred to a worker
      if (cut >= 0) await submit(chunk.subarray(0, cut));
    }
    while (preparing.length > 0) await appendNext();
    await Promise.all(appending);
    if (failure !== null) throw failure;
  } finally {
    await file.close();
    await Promise.all(workers.map((w) => w.close()));
  }
  return { received, appended, duplicates, rejected, rejectedTotal, lastOffset };
}
