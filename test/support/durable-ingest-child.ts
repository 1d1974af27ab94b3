// Child process for the kill -9 durability test: four concurrent loops ingest batches forever (so the event log
// commits them in groups) and each prints "ACK <first> <last>" after its append resolves. The parent kills it with
// SIGKILL at an arbitrary moment.
import { SqliteEventLog } from '../../src/store/index.js';
import { Ingestor, KeyedHasher } from '../../src/ingest/index.js';
import { application } from './sample-events.js';

const log = new SqliteEventLog(process.argv[2]);
const ingestor = new Ingestor(log, new KeyedHasher('test-secret-0123456789abcdef'));
let n = 0;
async function loop(): Promise<void> {
  for (;;) {
    const first = n + 1;
    const batch = Array.from({ length: 25 }, () => application(++n));
    await ingestor.ingestRecords('t1', batch);
    process.stdout.write(`ACK ${first} ${first + batch.length - 1}\n`);
  }
}
await Promise.all([loop(), loop(), loop(), loop()]);
