// Worker thread body: prepares NDJSON chunks (parse, validate, hash, serialize) so that the main thread only appends.
// Results travel packed (newline-joined strings and a transferred Float64Array): cloning 10,000 small objects
// would cost the main thread more than the work it hands off, and the log's writer takes them packed as they are.
import { parentPort, workerData } from 'node:worker_threads';
import { KeyedHasher } from './keyed-hasher.js';
import { PiiRedactor } from './pii-redactor.js';
import { prepareNdjson } from './batch-preparer.js';
import type { PackedBatch } from './packed-batch.js';
import { packEvents } from '../store/index.js';

const redactor = new PiiRedactor(new KeyedHasher(Buffer.from((workerData as { secret: Uint8Array }).secret)));

parentPort?.on('message', (job: { id: number; text?: string; bytes?: Uint8Array }) => {
  const text = job.text ?? Buffer.from(job.bytes!.buffer, job.bytes!.byteOffset, job.bytes!.byteLength).toString('utf8');
  const { received, encoded, problems } = prepareNdjson(text, redactor);
  const packed: PackedBatch = { received, problems, events: packEvents(encoded) };
  parentPort?.postMessage({ id: job.id, packed }, [packed.events.times.buffer as ArrayBuffer]);
});
