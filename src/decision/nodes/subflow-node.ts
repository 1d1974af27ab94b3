// Sub-flow: runs another saved flow (pinned version) inside this decision, sharing its state — its rules' points,
// reasons and tags count here — and stores the outcome its output node reached in `<node id>_outcome`.
import { RiskError } from '../../core/index.js';
import { nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { SubflowNode } from '../flow-types.js';

export function compileSubflow(node: SubflowNode, ctx: CompileContext): NodeRunner | undefined {
  const child = ctx.subflow(node.flow, node.version, node.id);
  if (!child) {
    if (typeof node.flow !== 'string') nodeProblem(ctx, node.id, 'flow', 'must name a flow');
    return undefined;
  }
  const variable = `${node.id}_outcome`;
  return (state) => {
    // The top flow's maxDepth (state.limits) counts every level below it; the sub-flow's own limits do not apply.
    if (state.depth + 1 > state.limits.maxDepth) {
      throw new RiskError('DECISION_DEPTH_EXCEEDED', `sub-flows nest deeper than ${state.limits.maxDepth}`, { node: node.id });
    }
    state.depth++;
    try {
      child.runNodes(state, state.clock);
    } finally {
      state.depth--;
    }
    const outcome = state.final?.outcome ?? null;
    state.final = null;
    state.vars[variable] = outcome;
    if (state.trace) state.step(node.id, 'subflow', { flow: `${child.id}@${child.version}`, outcome });
    return undefined;
  };
}
