// Compiles a flow document into closures: validates everything (structure, scope, every node's CEL and cells,
// models, sub-flows) collecting every problem, then, when there are none, returns a CompiledFlow whose runNodes walks
// the nodes in topological order. A deliberate centre: it is the one place that knows every node kind.
import { RiskError, isRiskError, type Clock } from '../core/index.js';
import type { ExpressionEngine } from '../expression/index.js';
import type { CompileContext, NodeRunner } from './compile-context.js';
import type { DecisionState } from './decision-state.js';
import { analyseGraph, type FlowGraph } from './flow-graph.js';
import { checkReadsAreSet } from './flow-reads.js';
import { show, type FlowProblem } from './flow-problem.js';
import { buildScope, type ChildScope, type FlowScope } from './flow-scope.js';
import { checkSettings } from './flow-settings.js';
import type { FlowDocument, FlowLimits, FlowNode, SwitchNode } from './flow-types.js';
import { compileDecisionMatrix } from './nodes/decision-matrix-node.js';
import { compileDecisionTable } from './nodes/decision-table-node.js';
import { compileListNode } from './nodes/list-node.js';
import { compileModelNode } from './nodes/model-node.js';
import { compileOutput } from './nodes/output-node.js';
import { compileReaderNode, compileSwitch, inputRunner, switchBranches } from './nodes/routing-nodes.js';
import { compileRuleSet } from './nodes/rule-set-node.js';
import { compileScorecard } from './nodes/scorecard-node.js';
import { compileSubflow } from './nodes/subflow-node.js';
import type { ModelProvider } from './readers.js';

export const DEFAULT_FLOW_LIMITS: Required<FlowLimits> = { maxNodes: 256, maxDepth: 4, timeoutMs: 100 };
const FLOW_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface CompiledFlow extends ChildScope {
  readonly id: string;
  readonly version: number;
  readonly scope: FlowScope;
  /** Models scored by this flow and its sub-flows. */
  readonly models: readonly { readonly name: string; readonly version: number }[];
  readonly limits: Required<FlowLimits>;
  readonly onError: 'error' | 'review';
  /** Walks the nodes from the input; an output node sets state.final. Throws RiskError with details.node on failure. */
  runNodes(state: DecisionState, clock: Clock): void;
}

export interface FlowCompileOptions {
  readonly tenant: string;
  readonly engine: ExpressionEngine;
  readonly models: ModelProvider;
  /**
   * Compiling a version already saved: problems only saving reports (settings, reads before they are set, cells of
   * the wrong kind) do not stop it, so a version saved before those checks existed runs as it always did.
   */
  readonly saved?: boolean;
  /** A saved flow version, for sub-flows. */
  resolveFlow(id: string, version: number): FlowDocument | undefined;
}

export interface FlowCompileOutcome {
  readonly flow?: CompiledFlow;
  readonly problems: readonly FlowProblem[];
}

export function compileFlow(doc: FlowDocument, version: number, options: FlowCompileOptions, stack: readonly string[] = []): FlowCompileOutcome {
  const problems: FlowProblem[] = [];
  if (typeof doc !== 'object' || doc === null) return { problems: [{ code: 'FLOW_INVALID_DOCUMENT', message: 'a flow is a JSON object' }] };
  if (typeof doc.id !== 'string' || !FLOW_ID.test(doc.id)) {
    problems.push({ code: 'FLOW_ID_INVALID', message: 'a flow id is 1-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit' });
  }
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) {
    problems.push({ code: 'FLOW_NODE_INVALID', message: 'a flow needs `nodes` and `edges` lists' });
    return { problems };
  }
  const strictProblems: FlowProblem[] = [];
  checkSettings(doc, strictProblems);
  const graph = analyseGraph(doc, problems);
  checkBranches(doc, graph, problems);

  // Sub-flows first: their variables join this flow's scope.
  const self = `${show(doc.id)}@${version}`;
  const children = new Map<string, CompiledFlow>();
  for (const node of doc.nodes) {
    if (node?.kind !== 'subflow' || typeof node.flow !== 'string') continue; // compileSubflow reports a flow that is no name
    if (!Number.isInteger(node.version)) {
      problems.push({ code: 'FLOW_NODE_INVALID', message: `version: a sub-flow is pinned to an integer version, not ${show(node.version)}`, node: node.id, path: 'version' });
      continue;
    }
    const key = `${node.flow}@${node.version}`;
    if (children.has(key)) continue;
    if (stack.includes(key) || key === self) {
      problems.push({ code: 'FLOW_SUBFLOW_CYCLE', message: `sub-flow ${key} includes itself (${[...stack, self, key].join(' -> ')})`, node: node.id });
      continue;
    }
    const childDoc = options.resolveFlow(node.flow, node.version);
    if (!childDoc) {
      problems.push({ code: 'FLOW_SUBFLOW_NOT_FOUND', message: `no flow "${node.flow}" version ${node.version}`, node: node.id });
      continue;
    }
    // A sub-flow is a saved version: checks added after it was saved do not stop it (a new parent may use it).
    const child = compileFlow(childDoc, node.version, { ...options, saved: true }, [...stack, self]);
    if (!child.flow) {
      problems.push({ code: 'FLOW_SUBFLOW_INVALID', message: `sub-flow ${key} is invalid`, node: node.id, details: { problems: child.problems } });
      continue;
    }
    children.set(key, child.flow);
  }

  const scope = buildScope(doc, [...children.values()], problems, (type) => options.engine.knownType(type));
  const ctx: CompileContext = {
    tenant: options.tenant,
    flowId: doc.id,
    engine: options.engine,
    declarations: scope.declarations,
    problems,
    strictProblems,
    reads: [],
    models: options.models,
    subflow: (id, v) => (typeof id === 'string' && Number.isInteger(v) ? children.get(`${id}@${v}`) : undefined),
  };
  // A node without an id has been reported by the graph check; nothing it holds can be named in a problem.
  const runners = doc.nodes.map((node) => (typeof node?.id === 'string' ? compileNode(node, ctx) : undefined));
  if (graph) checkReadsAreSet(doc.nodes, graph, scope, ctx.subflow, ctx.reads, strictProblems);
  if (problems.length > 0 || !graph || (strictProblems.length > 0 && !options.saved)) return { problems: [...problems, ...strictProblems] };

  const limits = { ...DEFAULT_FLOW_LIMITS, ...doc.limits };
  const models = new Map<string, { name: string; version: number }>();
  for (const node of doc.nodes) if (node.kind === 'model') models.set(`${node.model}@${node.version}`, { name: node.model, version: node.version });
  for (const child of children.values()) for (const m of child.models) models.set(`${m.name}@${m.version}`, m);

  const flow: CompiledFlow = {
    id: doc.id,
    version,
    scope,
    declarations: scope.declarations,
    eventVariables: scope.eventVariables,
    features: scope.features,
    graph: scope.graph,
    models: [...models.values()],
    limits,
    onError: doc.onError === 'review' ? 'review' : 'error',
    runNodes: walker(doc.nodes, graph, runners as NodeRunner[]),
  };
  return { flow, problems: strictProblems };
}

function compileNode(node: FlowNode, ctx: CompileContext): NodeRunner | undefined {
  switch (node?.kind) {
    case 'input': return inputRunner;
    case 'list': return compileListNode(node, ctx);
    case 'rules': return compileRuleSet(node, ctx);
    case 'table': return compileDecisionTable(node, ctx);
    case 'matrix': return compileDecisionMatrix(node, ctx);
    case 'scorecard': return compileScorecard(node, ctx);
    case 'model': return compileModelNode(node, ctx);
    case 'features':
    case 'graph': return Array.isArray(node.names) ? compileReaderNode(node) : undefined;
    case 'switch': return compileSwitch(node, ctx);
    case 'subflow': return compileSubflow(node, ctx);
    case 'output': return compileOutput(node, ctx);
    default: {
      const kind = (node as { kind?: unknown } | undefined)?.kind;
      ctx.problems.push({ code: 'FLOW_NODE_KIND_UNKNOWN', message: `unknown node kind "${show(kind)}"`, node: (node as { id?: string })?.id });
      return undefined;
    }
  }
}

/** Switch edges carry a branch each branch has; other edges carry none. */
function checkBranches(doc: FlowDocument, graph: FlowGraph | undefined, problems: FlowProblem[]): void {
  const byId = new Map(doc.nodes.filter((n) => typeof n?.id === 'string').map((n) => [n.id, n]));
  for (const edge of doc.edges) {
    const from = byId.get(edge?.from);
    if (!from) continue;
    if (from.kind !== 'switch' && edge.branch !== undefined) {
      problems.push({ code: 'FLOW_BRANCH_UNKNOWN', message: `edge ${show(edge.from)} -> ${show(edge.to)} has a branch but "${show(edge.from)}" is not a switch`, node: from.id });
    }
    if (from.kind === 'switch' && !switchBranches(from as SwitchNode).includes(edge.branch as string)) {
      problems.push({
        code: 'FLOW_BRANCH_UNKNOWN', message: `edge ${show(edge.from)} -> ${show(edge.to)} takes branch "${show(edge.branch)}", which the switch does not have`, node: from.id,
      });
    }
  }
  for (const node of doc.nodes) {
    if (node?.kind !== 'switch' || !Array.isArray(node.cases) || typeof node.id !== 'string') continue;
    for (const branch of new Set(switchBranches(node))) {
      if (!doc.edges.some((e) => e?.from === node.id && e.branch === branch)) {
        problems.push({ code: 'FLOW_BRANCH_UNROUTED', message: `switch "${show(node.id)}" has no edge for branch "${show(branch)}"`, node: node.id, details: { branch } });
      }
    }
  }
  void graph;
}

function walker(nodes: readonly FlowNode[], graph: FlowGraph, runners: readonly NodeRunner[]) {
  const { order, successors, inputIndex } = graph;
  const count = nodes.length;
  // The caps are the decision's (state.limits: the top flow's), not this flow's: a sub-flow runs under its caller's.
  return (state: DecisionState, clock: Clock): void => {
    const active = new Uint8Array(count);
    active[inputIndex] = 1;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (active[i] === 0) continue;
      const node = nodes[i];
      if (++state.nodesRun > state.limits.maxNodes) {
        throw new RiskError('DECISION_NODES_EXCEEDED', `the decision ran more than ${state.limits.maxNodes} nodes`, { node: node.id });
      }
      let branch: string | undefined;
      try {
        branch = runners[i](state);
      } catch (err) {
        throw atNode(err, node.id);
      }
      // After the node, not before: a node cannot be interrupted (JavaScript does not preempt), so a slow one runs to
      // its end and a check after it reports the decision. The clock is read after every 8th node and after the top
      // flow's output node, so even a short flow is checked. A read is ~50 ns; the demo flow runs 16 nodes in ~12 µs,
      // so a read after each would add ~0.7 µs a decision to stop an overrun at most 7 (sub-µs) nodes sooner.
      if (((state.nodesRun & 7) === 0 || (state.final !== null && state.depth === 0)) && clock.now() > state.deadline) {
        throw new RiskError('DECISION_TIME_EXCEEDED', `the decision ran past its ${state.limits.timeoutMs} ms budget`, { node: node.id });
      }
      if (state.final) return;
      const next = successors[i];
      for (let s = 0; s < next.length; s++) {
        const edge = next[s];
        if (edge.branch === undefined || edge.branch === branch) active[edge.to] = 1;
      }
    }
  };
}

function atNode(err: unknown, node: string): RiskError {
  if (isRiskError(err)) return err.details.node !== undefined ? err : new RiskError(err.code, err.message, { ...err.details, node });
  return new RiskError('DECISION_NODE_FAILED', `node "${node}" failed: ${(err as Error)?.message ?? String(err)}`, { node });
}
