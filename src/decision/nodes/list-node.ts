// List check: looks hashed identifiers up in the tenant's black / grey / white lists. A hit becomes a reason
// (LIST_BLACK_PHONE, ...) and, by default, black rejects, grey sends to review, white tags "whitelisted".
// Values are CEL over the application (a string or a list of strings, e.g. every contact's phone).
import { RiskError } from '../../core/index.js';
import type { CompiledExpression } from '../../expression/index.js';
import { compileCel, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { DecisionState } from '../decision-state.js';
import type { ListEntityType, ListName, ListNode } from '../flow-types.js';
import { isRecord } from '../json-shape.js';
import { missingVariable, withItem } from '../missing-policy.js';

const ENTITY_TYPES: readonly ListEntityType[] = ['person', 'phone', 'device', 'ip', 'card', 'address'];
const LISTS: readonly ListName[] = ['black', 'grey', 'white'];
const DEFAULT_ACTIONS: Record<ListName, 'reject' | 'review' | 'tag' | 'none'> = { black: 'reject', grey: 'review', white: 'tag' };
const TIER: Record<ListName, number> = { black: 3, grey: 2, white: 1 };

interface CompiledCheck {
  readonly entityType: ListEntityType;
  readonly value: CompiledExpression;
  readonly lists: ReadonlySet<ListName>;
  readonly label: string;
}

export function compileListNode(node: ListNode, ctx: CompileContext): NodeRunner | undefined {
  if (!Array.isArray(node.checks) || node.checks.length === 0) {
    nodeProblem(ctx, node.id, 'checks', 'a list node needs at least one check');
    return undefined;
  }
  if (node.actions !== undefined && !isRecord(node.actions)) nodeProblem(ctx, node.id, 'actions', 'maps lists to actions');
  const actions = { ...DEFAULT_ACTIONS, ...(isRecord(node.actions) ? node.actions : {}) };
  for (const [list, action] of Object.entries(actions)) {
    if (!LISTS.includes(list as ListName) || !['reject', 'review', 'tag', 'none'].includes(action as string)) {
      nodeProblem(ctx, node.id, `actions.${list}`, 'lists are black/grey/white and actions reject/review/tag/none');
    }
  }
  const checks: CompiledCheck[] = [];
  node.checks.forEach((check, i) => {
    const path = `checks[${i}]`;
    const before = ctx.problems.length;
    if (!ENTITY_TYPES.includes(check?.entityType)) nodeProblem(ctx, node.id, `${path}.entityType`, `must be one of ${ENTITY_TYPES.join(', ')}`);
    const lists = check?.lists ?? LISTS;
    if (!Array.isArray(lists) || lists.some((l) => !LISTS.includes(l))) nodeProblem(ctx, node.id, `${path}.lists`, 'lists are black, grey, white');
    const value = compileCel(ctx, node.id, `${path}.value`, check?.value);
    if (ctx.problems.length > before) return;
    if (value && value.type !== 'string' && value.type !== 'dyn' && value.type !== 'list<string>' && value.type !== 'list') {
      nodeProblem(ctx, node.id, `${path}.value`, `must produce a string or a list of strings, not ${value.type}`, 'EXPRESSION_TYPE_INVALID');
      return;
    }
    if (value) checks.push({ entityType: check.entityType, value, lists: new Set(lists), label: check.entityType });
  });
  if (checks.length !== node.checks.length) return undefined;
  const id = node.id;

  const lookup = (state: DecisionState, check: CompiledCheck, value: unknown, hits: string[] | null): void => {
    if (typeof value !== 'string') {
      if (value === null || value === undefined) return;
      throw new RiskError('DECISION_LIST_VALUE_INVALID', `a ${check.entityType} list check produced ${typeof value}, not a string`, { node: id });
    }
    for (const hit of state.inputs.lookupList(state.tenant, check.entityType, value, state.time)) {
      if (!check.lists.has(hit.list)) continue;
      state.listHit(hit.list, check.entityType);
      hits?.push(`${hit.list}:${check.entityType}`);
      const action = actions[hit.list];
      if (action === 'none') continue;
      if (action === 'reject') state.reject();
      else if (action === 'review') state.review();
      else state.tag(hit.list === 'white' ? 'whitelisted' : `${hit.list}listed`);
      state.reason(`LIST_${hit.list.toUpperCase()}_${check.entityType.toUpperCase()}`, id, hit.reason, TIER[hit.list], 0);
    }
  };

  return (state) => {
    const hits: string[] | null = state.trace ? [] : null;
    for (const check of checks) {
      let value: unknown;
      try {
        value = check.value.evaluate(state.vars);
      } catch (err) {
        // An identifier the application does not carry (no work address) is simply not checked, but recorded.
        const variable = missingVariable(err);
        if (variable === undefined) throw withItem(err, check.label);
        state.missing.push({ node: id, item: check.label, variable, policy: 'skip' });
        continue;
      }
      if (Array.isArray(value)) for (const v of value) lookup(state, check, v, hits);
      else lookup(state, check, value, hits);
    }
    if (hits) state.step(id, 'list', { hits });
    return undefined;
  };
}
