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

/** Most important first: tier (reject 3, review 2, other 1), then weight, then the order they were raised in. */
export function topReasons(reasons: readonly Reason[], max: number): Reason[] {
  const indexed = reasons.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => b.r.tier - a.r.tier || b.r.weight - a.r.weight || a.i - b.i);
  const out: Reason[] = [];
  const seen = new Set<string>();
  for (const { r } of indexed) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    out.push(r);
    if (out.length >= max) break;
  }
  return out;
}
