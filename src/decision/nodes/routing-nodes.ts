// The nodes that move data or control rather than judge: input (nothing to do), features / graph (values were read
// before the flow ran; the node only traces them), switch (first case whose CEL is true picks the branch).
import type { CompiledExpression } from '../../expression/index.js';
import { compileCel, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { ReaderName, ReaderNode, SwitchNode } from '../flow-types.js';
import { missingVariable, withItem } from '../missing-policy.js';

export const inputRunner: NodeRunner = () => undefined;

/** Reader name -> CEL variable name; undefined for a name of the wrong shape. */
export function readerAlias(name: ReaderName): { name: string; as: string } | undefined {
  if (typeof name === 'string') return { name, as: name };
  return typeof name?.name === 'string' && typeof name.as === 'string' ? { name: name.name, as: name.as } : undefined;
}

export function compileReaderNode(node: ReaderNode): NodeRunner {
  const aliases = node.names.map(readerAlias).filter((a) => a !== undefined);
  return (state) => {
    if (state.trace) {
      const values: Record<string, unknown> = {};
      for (const a of aliases) values[a.as] = state.vars[a.as];
      state.step(node.id, node.kind, values);
    }
    return undefined;
  };
}

export function compileSwitch(node: SwitchNode, ctx: CompileContext): NodeRunner | undefined {
  if (!Array.isArray(node.cases) || typeof node.default !== 'string') {
    nodeProblem(ctx, node.id, '', 'a switch needs cases and a default branch');
    return undefined;
  }
  const before = ctx.problems.length;
  const cases = node.cases.map((c, i) => {
    if (typeof c?.branch !== 'string' || c.branch === '') nodeProblem(ctx, node.id, `cases[${i}].branch`, 'must name a branch');
    return compileCel(ctx, node.id, `cases[${i}].when`, c?.when, 'bool');
  });
  if (ctx.problems.length > before) return undefined;
  const compiled = cases as CompiledExpression[];
  const branches = node.cases.map((c) => c.branch);
  return (state) => {
    let branch = node.default;
    for (let i = 0; i < compiled.length; i++) {
      let hit: boolean;
      try {
        hit = compiled[i].evaluate(state.vars) as boolean;
      } catch (err) {
        // A switch cannot guess: a missing value in a routing condition is the decision's error outcome.
        const variable = missingVariable(err);
        if (variable !== undefined) state.missing.push({ node: node.id, item: branches[i], variable, policy: 'error' });
        throw withItem(err, branches[i]);
      }
      if (hit) {
        branch = branches[i];
        break;
      }
    }
    if (state.trace) state.step(node.id, 'switch', { branch });
    return branch;
  };
}

/** The branch labels a switch can take (compileSwitch reports labels that are not strings). */
export function switchBranches(node: SwitchNode): string[] {
  const labels: unknown[] = [...(Array.isArray(node.cases) ? node.cases : []).map((c) => c?.branch), node.default];
  return labels.filter((b): b is string => typeof b === 'string');
}
