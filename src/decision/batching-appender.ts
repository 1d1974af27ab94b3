// Batches decide's appends: applications decided in the same event-loop turn go to the event log as one append (one
// listener call for the engines), and every caller waits for its commit. The log itself group-commits appends that
// queue while a commit is being fsynced, so decide never pays an fsync per request.
import type { ArgusEvent, Ingestor } from '../ingest/index.js';
import type { ArgusEventRecord } from '../store/index.js';

interface Waiting {
  readonly event: ArgusEventRecord;
  resolve(): void;
  reject(err: unknown): void;
}

export interface EventAppender {
  append(tenant: string, event: ArgusEventRecord): Promise<void>;
}

export class BatchingAppender implements EventAppender {
  private queues = new Map<string, Waiting[]>();
  private scheduled = false;

  constructor(private readonly ingestor: Ingestor, private readonly maxBatch = 2000) {}

  append(tenant: string, event: ArgusEventRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(tenant);
      if (!queue) this.queues.set(tenant, (queue = []));
      queue.push({ event, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const queues = this.queues;
    this.queues = new Map();
    for (const [tenant, waiting] of queues) {
      for (let start = 0; start < waiting.length; start += this.maxBatch) {
        const batch = waiting.slice(start, start + this.maxBatch);
        try {
          // Already validated and hashed by the decision service: appended as they are.
          await this.ingestor.appendEvents(tenant, batch.map((w) => w.event as ArgusEvent));
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    }
  }
}
