// Authoring problems found while validating a flow (collected, never thrown one by one), and the one error that
// carries them all: FLOW_INVALID with details.problems.
import { RiskError } from '../core/index.js';

export interface FlowProblem {
  readonly code: string;
  readonly message: string;
  /** The node the problem is in, when it is in one. */
  readonly node?: string;
  /** Where inside the node, e.g. "rules[3].when". */
  readonly path?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A value from a flow document as a message may quote it. Documents are any JSON, and interpolating some of it
 * throws (`{"toString": "x"}` has no callable toString): strings are quoted as they are, anything else as JSON,
 * at most 60 characters.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value);
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function flowInvalid(flowId: string, problems: readonly FlowProblem[]): RiskError {
  const first = problems[0];
  const summary = problems.length === 1 ? first.message : `${problems.length} problems, first: ${first.message}`;
  return new RiskError('FLOW_INVALID', `flow "${flowId}" is invalid: ${summary}`, { flow: flowId, problems });
}
