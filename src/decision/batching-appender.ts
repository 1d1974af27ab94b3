// Group commit for decide: applications arriving in the same event-loop turn are appended to the event log in one
// transaction (one fsync) instead of one each, and every caller waits for that commit. This is what lets decide
// append durably without an fsync per request.
import { RiskError } from '../core/index.js';
import type { Ingestor } from '../ingest/index.js';
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
          const result = await this.ingestor.ingestRecords(tenant, batch.map((w) => w.event));
          const rejected = new Map(result.rejected.map((p) => [p.index, p]));
          batch.forEach((w, i) => {
            const problem = rejected.get(i);
            if (problem) w.reject(new RiskError(problem.code, problem.message, { path: problem.path }));
            else w.resolve();
          });
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    }
  }
}
