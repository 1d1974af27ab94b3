// Every variable a node reads must have been set by the time the node runs. Scope is flow-global (flow-scope.ts), so
// CEL type-checks a rule reading `score` even when the scorecard that sets it runs after the rule, or on another
// branch; the flow then validated and every decision ended in DECISION_VALUE_MISSING. This check closes that gap.
//
// What is set before a node runs, walking the nodes in topological order (as the runtime does):
// - event variables, feature and graph values and the built-ins are set before the flow starts;
// - a node's outputs are set after it ran (a sub-flow node sets `<id>_outcome` and every output of the sub-flow);
// - the outputs of every node on every path from the input to the node (intersection over its predecessors), and
//   those of an upstream node that runs in every decision (reached from the input by edges without a switch branch:
//   its outputs are set even when the path to the reader goes around it);
// - in a rule set, the variables earlier rules `set`.
// A node that sets a variable only sometimes (a `set` rule that does not hit, a matrix whose axis is missing) still
// counts as setting it: its value may be null, which the reader's onMissing policy handles. Output nodes' `expose`
// lists are not reads: an exposed variable without a value is returned as null.
import type { CompileContext, NodeRead } from './compile-context.js';
import type { FlowGraph } from './flow-graph.js';
import type { FlowProblem } from './flow-problem.js';
import { BUILTIN_VARIABLES, nodeOutputs, type ChildScope, type FlowScope } from './flow-scope.js';
import type { FlowNode } from './flow-types.js';

const NOTHING: ReadonlySet<string> = new Set();

export function checkReadsAreSet(
  nodes: readonly FlowNode[], graph: FlowGraph, scope: FlowScope, subflow: CompileContext['subflow'], reads: readonly NodeRead[], problems: FlowProblem[],
): void {
  const sets = nodes.map((node) => outputsOf(node, subflow));
  const before = setBefore(graph, sets);
  const preset = new Set([
    ...Object.keys(BUILTIN_VARIABLES), ...scope.eventVariables.map((v) => v.name), ...scope.features.map((f) => f.as), ...scope.graph.map((g) => g.as),
  ]);
  const reported = new Set<string>();
  for (const read of reads) {
    const i = graph.index.get(read.node);
    if (i === undefined) continue;
    const local = earlierRuleSets(nodes[i], read.path);
    for (const variable of read.variables) {
      if (preset.has(variable) || before[i].has(variable) || local.has(variable)) continue;
      const setBy = nodes.filter((_, n) => sets[n].has(variable)).map((n) => n.id);
      if (setBy.length === 0) continue; // not a variable of this flow: CEL has reported it
      const key = `${read.node}|${read.path}|${variable}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({
        code: 'FLOW_VARIABLE_UNSET',
        message: `${read.path}: reads "${variable}" before it is set on every path from the input (it is set by ${setBy.map((id) => `"${id}"`).join(', ')}): `
          + 'set it upstream of this node, or on every branch that leads here',
        node: read.node,
        path: read.path,
        details: { variable, setBy },
      });
    }
  }
}

/** The variables a node sets as it runs (names only; flow-scope reports names that are not). */
function outputsOf(node: FlowNode, subflow: CompileContext['subflow']): ReadonlySet<string> {
  const names = new Set(nodeOutputs(node).map((o) => o.name).filter((n): n is string => typeof n === 'string'));
  if (node.kind === 'subflow') {
    const child = subflow(node.flow, node.version, node.id);
    if (child) for (const name of childOutputs(child)) names.add(name);
  }
  return names;
}

/** What a sub-flow's nodes set: its declarations but the built-ins and the values set before any flow runs. */
function childOutputs(child: ChildScope): string[] {
  const preset = new Set([...child.eventVariables.map((v) => v.name), ...child.features.map((f) => f.as), ...child.graph.map((g) => g.as)]);
  return Object.keys(child.declarations).filter((name) => BUILTIN_VARIABLES[name] === undefined && !preset.has(name));
}

/** Per node index: the node outputs certainly set when it starts (see the header). */
function setBefore(graph: FlowGraph, sets: readonly ReadonlySet<string>[]): ReadonlySet<string>[] {
  const count = sets.length;
  const predecessors: { from: number; branch?: string }[][] = Array.from({ length: count }, () => []);
  graph.successors.forEach((edges, from) => {
    for (const edge of edges) predecessors[edge.to].push({ from, branch: edge.branch });
  });
  const before: ReadonlySet<string>[] = new Array(count).fill(NOTHING);
  const after: ReadonlySet<string>[] = new Array(count).fill(NOTHING);
  /** Outputs of ancestors that run in every decision. */
  const always: ReadonlySet<string>[] = new Array(count).fill(NOTHING);
  const runsAlways = new Array<boolean>(count).fill(false);
  runsAlways[graph.inputIndex] = true;
  for (const i of graph.order) {
    if (i !== graph.inputIndex) {
      const preds = predecessors[i];
      let onEveryPath: Set<string> | undefined;
      const alwaysSet = new Set<string>();
      for (const { from, branch } of preds) {
        onEveryPath = onEveryPath === undefined ? new Set(after[from]) : new Set([...onEveryPath].filter((v) => after[from].has(v)));
        for (const v of always[from]) alwaysSet.add(v);
        if (runsAlways[from]) {
          for (const v of sets[from]) alwaysSet.add(v);
          if (branch === undefined) runsAlways[i] = true;
        }
      }
      always[i] = alwaysSet;
      before[i] = new Set([...(onEveryPath ?? []), ...alwaysSet]);
    }
    after[i] = new Set([...before[i], ...sets[i]]);
  }
  return before;
}

/** In a rule set, what the rules before the one at `path` ("rules[3].when") set. */
function earlierRuleSets(node: FlowNode, path: string): ReadonlySet<string> {
  if (node.kind !== 'rules') return NOTHING;
  const at = /^rules\[(\d+)\]/.exec(path);
  if (!at) return NOTHING;
  return outputsOf({ ...node, rules: node.rules.slice(0, Number(at[1])) }, () => undefined);
}
