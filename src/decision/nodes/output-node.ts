// Output: ends the flow with a decision — a fixed outcome, or derived (reject if anything rejected, else review if
// anything asked for review, else approve) — plus credit limit, price and term (CEL), the most important reasons,
// tags and exposed variables.
import type { CompiledExpression } from '../../expression/index.js';
import { checkCount, compileCel, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import { show } from '../flow-problem.js';
import type { DecisionResult, Reason } from '../decision-result.js';
import type { DecisionState } from '../decision-state.js';
import type { OutputNode, Outcome } from '../flow-types.js';
import { withItem } from '../missing-policy.js';

const OUTCOMES: readonly Outcome[] = ['approve', 'reject', 'review'];

export function compileOutput(node: OutputNode, ctx: CompileContext): NodeRunner | undefined {
  const before = ctx.problems.length;
  if (node.decision !== undefined && !OUTCOMES.includes(node.decision)) {
    nodeProblem(ctx, node.id, 'decision', `must be approve, reject or review, not "${show(node.decision)}"`);
  }
  if (!isStringList(node.tags)) nodeProblem(ctx, node.id, 'tags', 'must be a list of strings');
  if (!isStringList(node.expose)) nodeProblem(ctx, node.id, 'expose', 'must be a list of variable names');
  checkCount(ctx, node.id, 'maxReasons', node.maxReasons);
  const amount = (field: 'creditLimit' | 'price' | 'term') =>
    node[field] === undefined ? undefined : compileCel(ctx, node.id, field, node[field]!, 'double');
  const limit = amount('creditLimit');
  const price = amount('price');
  const term = amount('term');
  const expose = isStringList(node.expose) ? node.expose ?? [] : [];
  for (const name of expose) {
    if (!Object.hasOwn(ctx.declarations, name)) nodeProblem(ctx, node.id, 'expose', `"${name}" is not a variable of the flow`, 'EXPRESSION_VARIABLE_UNDEFINED');
  }
  if (ctx.problems.length > before) return undefined;
  const maxReasons = node.maxReasons ?? 5;
  const fixed = node.decision;
  const tags = node.tags ?? [];
  const id = node.id;

  const value = (expr: CompiledExpression | undefined, state: DecisionState): number | null =>
    expr ? (expr.evaluate(state.vars) as number) : null;

  return (state) => {
    for (const tag of tags) state.tag(tag);
    const outcome: Outcome = fixed ?? (state.rejected ? 'reject' : state.reviewed ? 'review' : 'approve');
    let creditLimit: number | null;
    let priceValue: number | null;
    let termValue: number | null;
    try {
      creditLimit = value(limit, state);
      priceValue = value(price, state);
      termValue = value(term, state);
    } catch (err) {
      throw withItem(err, 'output');
    }
    const variables: Record<string, unknown> = {};
    for (const name of expose) variables[name] = state.vars[name] ?? null;
    const result: DecisionResult = {
      outcome,
      creditLimit,
      price: priceValue,
      term: termValue,
      reasons: topReasons(state.reasons, maxReasons),
      tags: [...state.tags],
      variables,
      missing: state.missing,
      output: id,
    };
    state.final = result;
    if (state.trace) state.step(id, 'output', { outcome });
    return undefined;
  };
}

function isStringList(value: unknown): value is readonly string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/**
 * Most important first: tier (reject 3, review 2, other 1), then weight, then the order they were raised in; the
 * first of each code. Sorts the reasons' indices (no object per reason, no Set: the codes kept are the few in `out`)
 * with the comparator the order is defined by, so the sort sees the same answers and gives the same order.
 */
export function topReasons(reasons: readonly Reason[], max: number): Reason[] {
  const order: number[] = [];
  for (let i = 0; i < reasons.length; i++) order.push(i);
  order.sort((a, b) => reasons[b].tier - reasons[a].tier || reasons[b].weight - reasons[a].weight || a - b);
  const out: Reason[] = [];
  for (let k = 0; k < order.length; k++) {
    const r = reasons[order[k]];
    if (out.some((kept) => kept.code === r.code)) continue;
    out.push(r);
    if (out.length >= max) break; // after the push: maxReasons 0 has always kept the first
  }
  return out;
}
