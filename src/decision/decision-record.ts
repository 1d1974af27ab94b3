// The audit record of one decision as the decision engine hands it to its recorder: everything needed to show the
// decision and to re-run it exactly (pinned flow and model versions, inputs as read). The audit engine masks and
// stores it; the decision engine never reads storage for it except through DecisionRecorder.
import type { DecisionResult } from './decision-result.js';
import type { InputValues, ListHit } from './readers.js';
import type { FlowRef } from './store/decision-stores.js';
import type { Variant } from './traffic-split.js';

export interface DecisionRecord {
  readonly decisionId: string;
  readonly tenant: string;
  /** Decision time, ms since the epoch. */
  readonly time: number;
  readonly slot: string;
  readonly variant: Variant;
  readonly releaseId: string | null;
  /** For shadow evaluations: the decision whose traffic this shadowed. */
  readonly shadowOf: string | null;
  readonly flow: FlowRef;
  readonly models: Readonly<Record<string, number>>;
  readonly event: { readonly id: string; readonly time: string; readonly applicationId: string };
  readonly inputs: {
    /** The application's data as the flow read it (identifiers hashed; masked by the audit store). */
    readonly data: Readonly<Record<string, unknown>>;
    readonly features: InputValues;
    readonly graph: InputValues;
    readonly lists: Readonly<Record<string, readonly ListHit[]>>;
    /** Set when the inputs could not be read (the decision did not run); replay reproduces the same outcome. */
    readonly unavailable?: { readonly code: string; readonly message: string };
  };
  readonly result: DecisionResult;
  readonly latencyMs: number;
}

/** Where decisions are recorded. The audit engine implements it (batched, durable within a short interval). */
export interface DecisionRecorder {
  record(record: DecisionRecord): void;
}
