// Rule set: CEL conditions, each with one action (reject, review, add points, tag, set variable) and a reason code,
// run first-hit (stop at the first rule that hits) or all-hits. A condition that reads a missing value follows the
// rule's onMissing policy; any other failure is the decision's error outcome.
import type { CompiledExpression } from '../../expression/index.js';
import { compileCel, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { DecisionState } from '../decision-state.js';
import type { MissingPolicy, Rule, RuleSetNode } from '../flow-types.js';
import { show } from '../flow-problem.js';
import { MISSING_POLICIES, applyMissing, missingVariable, withItem } from '../missing-policy.js';

interface CompiledRule {
  readonly id: string;
  /** Whether the rule hits: its condition, or its onMissing policy when the condition reads a missing value. */
  readonly hits: (state: DecisionState) => boolean;
  readonly apply: (state: DecisionState) => void;
}

export function compileRuleSet(node: RuleSetNode, ctx: CompileContext): NodeRunner | undefined {
  const mode = node.mode ?? 'all-hits';
  if (mode !== 'first-hit' && mode !== 'all-hits') nodeProblem(ctx, node.id, 'mode', `must be "first-hit" or "all-hits", not "${show(mode)}"`);
  if (!Array.isArray(node.rules)) {
    nodeProblem(ctx, node.id, 'rules', 'must be a list of rules');
    return undefined;
  }
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  node.rules.forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (typeof rule?.id !== 'string' || rule.id === '') nodeProblem(ctx, node.id, path, 'a rule needs an id');
    else if (seen.has(rule.id)) nodeProblem(ctx, node.id, path, `two rules have the id "${rule.id}"`, 'FLOW_RULE_DUPLICATE');
    seen.add(rule?.id);
    const onMissing = rule?.onMissing ?? 'error';
    if (!MISSING_POLICIES.includes(onMissing)) nodeProblem(ctx, node.id, `${path}.onMissing`, `must be one of ${MISSING_POLICIES.join(', ')}`);
    const when = compileCel(ctx, node.id, `${path}.when`, rule?.when, 'bool');
    const apply = compileAction(rule, node.id, path, ctx);
    if (when && apply) rules.push({ id: rule.id, hits: tester(when, onMissing, node.id, rule.id), apply });
  });
  if (rules.length !== node.rules.length) return undefined;
  const firstHit = mode === 'first-hit';
  const id = node.id;

  return (state) => {
    const hits: string[] | null = state.trace ? [] : null;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!rule.hits(state)) continue;
      try {
        rule.apply(state);
      } catch (err) {
        throw withItem(err, rule.id);
      }
      hits?.push(rule.id);
      if (firstHit) break;
    }
    if (hits) state.step(id, 'rules', { hits });
    return undefined;
  };
}

/**
 * A rule's test, made once per rule. `double_variable OP number`, the most common rule, is tested right here: the
 * variable read and compared without the calls into the expression; a variable that is not a number (missing or
 * mistyped) goes the general way, as it always did.
 */
function tester(when: CompiledExpression, onMissing: MissingPolicy, node: string, rule: string): (state: DecisionState) => boolean {
  const general = (state: DecisionState): boolean => {
    const absent = when.missingIn(state.vars);
    if (absent !== undefined) return applyMissing(state, onMissing, node, rule, absent);
    try {
      return when.evaluate(state.vars) as boolean;
    } catch (err) {
      const variable = missingVariable(err);
      if (variable === undefined) throw withItem(err, rule);
      return applyMissing(state, onMissing, node, rule, variable);
    }
  };
  const cmp = when.comparison;
  if (cmp === undefined) return general;
  const { variable, value } = cmp;
  // Not a number: missing (null or absent: the read missingIn would report, so onMissing applies here), or mistyped.
  const otherwise = (state: DecisionState, x: unknown): boolean => (
    x === null || x === undefined ? applyMissing(state, onMissing, node, rule, variable) : general(state)
  );
  switch (cmp.op) {
    case '<': return (state) => { const x = state.vars[variable]; return typeof x === 'number' ? x < value : otherwise(state, x); };
    case '<=': return (state) => { const x = state.vars[variable]; return typeof x === 'number' ? x <= value : otherwise(state, x); };
    case '>': return (state) => { const x = state.vars[variable]; return typeof x === 'number' ? x > value : otherwise(state, x); };
    default: return (state) => { const x = state.vars[variable]; return typeof x === 'number' ? x >= value : otherwise(state, x); };
  }
}

function compileAction(rule: Rule, nodeId: string, path: string, ctx: CompileContext): ((state: DecisionState) => void) | undefined {
  const action = rule?.action;
  const reason = rule?.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason === '')) nodeProblem(ctx, nodeId, `${path}.reason`, 'must be a non-empty string');
  const ruleId = rule?.id;
  const note = (state: DecisionState, tier: number, weight: number): void => {
    if (reason) state.reason(reason, nodeId, ruleId, tier, weight);
  };
  switch (action?.type) {
    case 'reject':
      return (state) => {
        state.reject();
        note(state, 3, 0);
      };
    case 'review':
      return (state) => {
        state.review();
        note(state, 2, 0);
      };
    case 'points': {
      const points = action.points;
      if (typeof points !== 'number' || !Number.isFinite(points)) {
        nodeProblem(ctx, nodeId, `${path}.action.points`, 'must be a number');
        return undefined;
      }
      return (state) => {
        state.addPoints(points);
        note(state, 1, Math.abs(points));
      };
    }
    case 'tag': {
      const tag = action.tag;
      if (typeof tag !== 'string' || tag === '') {
        nodeProblem(ctx, nodeId, `${path}.action.tag`, 'must be a non-empty string');
        return undefined;
      }
      return (state) => {
        state.tag(tag);
        note(state, 1, 0);
      };
    }
    case 'set': {
      const variable = action.variable;
      const value = compileCel(ctx, nodeId, `${path}.action.value`, action.value, action.valueType);
      if (!value) return undefined;
      return (state) => {
        state.vars[variable] = value.evaluate(state.vars);
        note(state, 1, 0);
      };
    }
    default:
      nodeProblem(ctx, nodeId, `${path}.action.type`, `must be reject, review, points, tag or set, not "${show((action as { type?: unknown } | undefined)?.type)}"`);
      return undefined;
  }
}
