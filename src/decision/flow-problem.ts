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

export function flowInvalid(flowId: string, problems: readonly FlowProblem[]): RiskError {
  const first = problems[0];
  const summary = problems.length === 1 ? first.message : `${problems.length} problems, first: ${first.message}`;
  return new RiskError('FLOW_INVALID', `flow "${flowId}" is invalid: ${summary}`, { flow: flowId, problems });
}
