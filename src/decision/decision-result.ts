// What a decision produces: the outcome, limit/price/term, reasons ordered by importance, tags, explicit missing
// reads, and a coded error when a rule failed. A decline is a result; so is an error outcome.
import type { Outcome } from './flow-types.js';

export type DecisionOutcome = Outcome | 'error';

export interface Reason {
  readonly code: string;
  /** Node that produced it, and the rule / characteristic / feature inside it. */
  readonly node: string;
  readonly item?: string;
  /** Importance, most important first: reject 3, review 2, other 1; then magnitude (points lost, contribution). */
  readonly tier: number;
  readonly weight: number;
}

export interface MissingRead {
  readonly node: string;
  readonly item?: string;
  readonly variable: string;
  /** What the flow did about it (the rule's or node's onMissing policy). */
  readonly policy: string;
}

export interface DecisionError {
  readonly code: string;
  readonly message: string;
  readonly node?: string;
  readonly item?: string;
}

export interface TraceStep {
  readonly node: string;
  readonly kind: string;
  /** Rules hit, branch taken, rows matched, values set — whatever the node reports. */
  readonly detail?: unknown;
}

export interface DecisionResult {
  readonly outcome: DecisionOutcome;
  readonly creditLimit: number | null;
  readonly price: number | null;
  readonly term: number | null;
  readonly reasons: readonly Reason[];
  readonly tags: readonly string[];
  /** Values of variables the output node exposes (scores, PDs, bands). */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly missing: readonly MissingRead[];
  readonly error?: DecisionError;
  /** Output node reached. */
  readonly output?: string;
  readonly trace?: readonly TraceStep[];
}
