// The audit store interface: decision records, appended (masked) and read back by id or time range, per tenant.
import type { DecisionOutcome, DecisionRecord, DecisionRecorder } from '../decision/index.js';

export interface AuditQuery {
  readonly from?: number;
  readonly to?: number;
  readonly flow?: string;
  readonly outcome?: DecisionOutcome;
  /** Include shadow evaluations (default false). */
  readonly shadows?: boolean;
  readonly limit?: number;
}

export interface AuditStore extends DecisionRecorder {
  /** Queues the record (masked); it is durable after the next flush (at most `flushMs` later). */
  record(record: DecisionRecord): void;
  get(tenant: string, decisionId: string): DecisionRecord | undefined;
  list(tenant: string, query?: AuditQuery): DecisionRecord[];
  /** Shadow evaluations recorded for a decision. */
  shadowsOf(tenant: string, decisionId: string): DecisionRecord[];
  /** Writes everything queued now. */
  flush(): void;
  close(): Promise<void>;
}
