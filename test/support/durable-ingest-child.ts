// Child process for the kill -9 durability test: ingests batches forever and prints "ACK <last id>" after each
// append resolves. The parent kills it with SIGKILL at an arbitrary moment.
import { SqliteEventLog } from '../../src/store/index.js';
import { Ingestor, KeyedHasher } from '../../src/ingest/index.js';
import { application } from './sample-events.js';

const log = new SqliteEventLog(process.argv[2]);
const ingestor = new Ingestor(log, new KeyedHasher('test-secret-0123456789abcdef'));
let n = 0;
for (;;) {
  const batch = Array.from({ length: 50 }, () => application(++n));
  await ingestor.ingestRecords('t1', batch);
  process.stdout.write(`ACK ${n}\n`);
}
