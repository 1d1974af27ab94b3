// The settings of a flow outside its nodes: `limits` and `onError`. Each was once taken as given: `timeoutMs: "x"`
// made the deadline NaN, which no clock reading exceeds (the budget never ran out), and `onError: "explode"` was
// read as "error". Now a value that is not one the runtime understands is a problem of the flow.
import { show, type FlowProblem } from './flow-problem.js';
import type { FlowDocument, FlowLimits } from './flow-types.js';
import { isRecord, isWholeNumber } from './json-shape.js';

const LIMITS: Readonly<Record<keyof FlowLimits, { readonly test: (v: unknown) => boolean; readonly what: string }>> = {
  maxNodes: { test: (v) => isWholeNumber(v, 1), what: 'a whole number of nodes, 1 or more' },
  maxDepth: { test: (v) => isWholeNumber(v, 0), what: 'a whole number of nested sub-flows, 0 (none) or more' },
  timeoutMs: { test: (v) => typeof v === 'number' && Number.isFinite(v) && v > 0, what: 'a positive number of milliseconds' },
};
const ON_ERROR = ['error', 'review'];

export function checkSettings(doc: FlowDocument, problems: FlowProblem[]): void {
  const limits: unknown = doc.limits;
  if (limits !== undefined && !isRecord(limits)) {
    problems.push({ code: 'FLOW_LIMIT_INVALID', message: `limits: must be an object of ${Object.keys(LIMITS).join(', ')}`, path: 'limits' });
  }
  for (const [name, value] of Object.entries(isRecord(limits) ? limits : {})) {
    const limit = Object.hasOwn(LIMITS, name) ? LIMITS[name as keyof FlowLimits] : undefined;
    if (!limit) {
      problems.push({ code: 'FLOW_LIMIT_INVALID', message: `limits.${name}: no such limit (${Object.keys(LIMITS).join(', ')})`, path: `limits.${name}` });
    } else if (!limit.test(value)) {
      problems.push({ code: 'FLOW_LIMIT_INVALID', message: `limits.${name}: must be ${limit.what}, not "${show(value)}"`, path: `limits.${name}`, details: { limit: name } });
    }
  }
  if (doc.onError !== undefined && !ON_ERROR.includes(doc.onError)) {
    problems.push({ code: 'FLOW_ON_ERROR_INVALID', message: `onError: must be "error" or "review", not "${show(doc.onError)}"`, path: 'onError' });
  }
}
