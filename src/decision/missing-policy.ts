// One place that decides what a missing input does to a node: record it (always — missing is never silent), then
// fail the decision, skip the item, count it as a hit, or send the applicant to review.
import { RiskError, isRiskError } from '../core/index.js';
import type { DecisionState } from './decision-state.js';
import type { MissingPolicy } from './flow-types.js';

export const MISSING_POLICIES: readonly MissingPolicy[] = ['error', 'skip', 'hit', 'review'];

/** The variable an EXPRESSION_VARIABLE_MISSING error names, or undefined for any other error. */
export function missingVariable(err: unknown): string | undefined {
  if (isRiskError(err) && err.code === 'EXPRESSION_VARIABLE_MISSING') return err.details.variable as string;
  return undefined;
}

/** Applies the policy; returns whether the item counts as hit. Throws DECISION_VALUE_MISSING for 'error'. */
export function applyMissing(
  state: DecisionState, policy: MissingPolicy, node: string, item: string | undefined, variable: string,
): boolean {
  state.missing.push(item === undefined ? { node, variable, policy } : { node, item, variable, policy });
  switch (policy) {
    case 'skip':
      return false;
    case 'hit':
      return true;
    case 'review':
      state.review();
      state.reason('MISSING_DATA', node, item, 2, 0);
      return false;
    case 'error':
      throw new RiskError('DECISION_VALUE_MISSING', `"${variable}" has no value${item ? ` (${item})` : ''}`, { variable, node, item });
  }
}

/** Re-throws an error with the item (rule, row, characteristic) it came from, keeping its code. */
export function withItem(err: unknown, item: string): unknown {
  if (!isRiskError(err) || err.details.item !== undefined) return err;
  return new RiskError(err.code, err.message, { ...err.details, item });
}
