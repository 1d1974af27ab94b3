// The structure of a flow: one input, no duplicate ids, no dangling edges, no cycles, nothing unreachable, no dead
// ends. Produces every structural problem and, when there are none, the order nodes run in.
import type { FlowDocument, FlowNode } from './flow-types.js';
import { show, type FlowProblem } from './flow-problem.js';

export interface FlowGraph {
  /** Node indices in a topological order (only reachable nodes). */
  readonly order: readonly number[];
  /** Per node index: successor indices and the branch label of each edge (undefined = always). */
  readonly successors: readonly { readonly to: number; readonly branch?: string }[][];
  readonly index: ReadonlyMap<string, number>;
  readonly inputIndex: number;
}

export function analyseGraph(doc: FlowDocument, problems: FlowProblem[]): FlowGraph | undefined {
  const nodes: readonly FlowNode[] = Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const index = new Map<string, number>();
  const before = problems.length;
  nodes.forEach((node, i) => {
    if (typeof node?.id !== 'string' || node.id === '') {
      problems.push({ code: 'FLOW_NODE_INVALID', message: `node #${i} has no id`, path: `nodes[${i}]` });
    } else if (index.has(node.id)) {
      problems.push({ code: 'FLOW_NODE_DUPLICATE', message: `two nodes have the id "${node.id}"`, node: node.id });
    } else {
      index.set(node.id, i);
    }
  });
  const inputs = nodes.filter((n) => n?.kind === 'input');
  if (inputs.length === 0) problems.push({ code: 'FLOW_INPUT_MISSING', message: 'a flow needs exactly one input node; it has none' });
  if (inputs.length > 1) {
    for (const extra of inputs.slice(1)) {
      const id = typeof extra.id === 'string' ? extra.id : undefined;
      problems.push({ code: 'FLOW_INPUT_MULTIPLE', message: `a flow has exactly one input node; "${show(extra.id)}" is another`, node: id });
    }
  }

  const successors: { to: number; branch?: string }[][] = nodes.map(() => []);
  edges.forEach((edge, i) => {
    const from = index.get(edge?.from);
    const to = index.get(edge?.to);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? edge?.from : edge?.to;
      problems.push({
        code: 'FLOW_EDGE_DANGLING',
        message: `edge #${i} (${show(edge?.from)} -> ${show(edge?.to)}) refers to a node "${show(missing)}" that does not exist`,
        node: from !== undefined ? edge.from : undefined,
        path: `edges[${i}]`,
      });
      return;
    }
    if (nodes[to].kind === 'input') {
      problems.push({ code: 'FLOW_EDGE_INVALID', message: `edge #${i} leads into the input node`, node: edge.to, path: `edges[${i}]` });
    }
    if (nodes[from].kind === 'output') {
      problems.push({ code: 'FLOW_EDGE_INVALID', message: `edge #${i} leaves output node "${edge.from}"`, node: edge.from, path: `edges[${i}]` });
    }
    successors[from].push(edge.branch === undefined ? { to } : { to, branch: edge.branch });
  });

  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node && node.kind !== 'output' && successors[i].length === 0 && index.get(node.id) === i) {
      problems.push({ code: 'FLOW_NODE_DEAD_END', message: `node "${node.id}" leads nowhere; every path must end in an output`, node: node.id });
    }
  }

  const cycle = findCycle(successors);
  if (cycle) {
    problems.push({
      code: 'FLOW_CYCLE',
      message: `the flow has a cycle: ${cycle.map((i) => nodes[i].id).join(' -> ')}`,
      node: nodes[cycle[0]].id,
      details: { cycle: cycle.map((i) => nodes[i].id) },
    });
  }

  const inputIndex = inputs.length > 0 ? index.get(inputs[0].id) : undefined;
  if (inputIndex !== undefined) {
    const reachable = reachableFrom(inputIndex, successors);
    for (let i = 0; i < nodes.length; i++) {
      if (!reachable[i] && nodes[i]?.id !== undefined && index.get(nodes[i].id) === i) {
        problems.push({ code: 'FLOW_NODE_UNREACHABLE', message: `node "${nodes[i].id}" cannot be reached from the input`, node: nodes[i].id });
      }
    }
  }
  if (problems.length > before || inputIndex === undefined) return undefined;
  return { order: topologicalOrder(inputIndex, successors), successors, index, inputIndex };
}

function reachableFrom(start: number, successors: readonly { to: number }[][]): boolean[] {
  const seen = new Array<boolean>(successors.length).fill(false);
  const stack = [start];
  seen[start] = true;
  while (stack.length > 0) {
    for (const { to } of successors[stack.pop()!]) {
      if (!seen[to]) {
        seen[to] = true;
        stack.push(to);
      }
    }
  }
  return seen;
}

/** One cycle as node indices (first node repeated at the end), or undefined. Iterative DFS with colours. */
function findCycle(successors: readonly { to: number }[][]): number[] | undefined {
  const colour = new Uint8Array(successors.length); // 0 new, 1 on stack, 2 done
  const parent = new Int32Array(successors.length).fill(-1);
  for (let root = 0; root < successors.length; root++) {
    if (colour[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    colour[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (next >= successors[node].length) {
        colour[node] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const to = successors[node][next].to;
      if (colour[to] === 1) {
        const cycle = [to];
        for (let at = node; at !== to && at !== -1; at = parent[at]) cycle.push(at);
        cycle.push(to);
        return cycle.reverse().slice(0, -1).concat(to);
      }
      if (colour[to] === 0) {
        colour[to] = 1;
        parent[to] = node;
        stack.push([to, 0]);
      }
    }
  }
  return undefined;
}

function topologicalOrder(start: number, successors: readonly { to: number }[][]): number[] {
  const reachable = reachableFrom(start, successors);
  const indegree = new Array<number>(successors.length).fill(0);
  successors.forEach((list, from) => {
    if (reachable[from]) for (const { to } of list) indegree[to]++;
  });
  const order: number[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    order.push(node);
    for (const { to } of successors[node]) if (--indegree[to] === 0) queue.push(to);
  }
  return order;
}
