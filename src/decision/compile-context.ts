// What node compilers share while a flow compiles: the expression engine, the flow's variable scope, the problem
// sink (validation collects every problem), models and sub-flows. Node runners are the compiled closures.
import type { CompiledExpression, ExpressionEngine } from '../expression/index.js';
import type { DecisionState } from './decision-state.js';
import type { FlowProblem } from './flow-problem.js';
import type { Cel } from './flow-types.js';
import { isWholeNumber } from './json-shape.js';
import type { ModelProvider } from './readers.js';
import type { CompiledFlow } from './compiled-flow.js';

/** Runs one node; a switch returns the branch it takes. Throws RiskError on a failure the flow must report. */
export type NodeRunner = (state: DecisionState) => string | undefined;

export interface CompileContext {
  readonly tenant: string;
  readonly flowId: string;
  readonly engine: ExpressionEngine;
  /** Every variable the flow's CEL may read, with its CEL type. */
  readonly declarations: Readonly<Record<string, string>>;
  readonly problems: FlowProblem[];
  /**
   * Problems only saving reports (see STRICT in compiled-flow.ts): checks added after flows were first saved, which
   * a saved version that ran before them must keep running through. A node still compiles when it has one.
   */
  readonly strictProblems: FlowProblem[];
  /** What each node's expressions read, recorded as they compile (flow-reads.ts checks each is set before). */
  readonly reads: NodeRead[];
  readonly models: ModelProvider;
  /** A compiled sub-flow, or undefined (a problem has been recorded). */
  subflow(id: string, version: number, node: string): CompiledFlow | undefined;
}

/** The variables one expression of a node reads (`path` is where in the node, e.g. "rules[2].when"). */
export interface NodeRead {
  readonly node: string;
  readonly path: string;
  readonly variables: readonly string[];
}

/** Compiles CEL for a node, recording a problem (with node and path) instead of throwing, and what it reads. */
export function compileCel(
  ctx: CompileContext, node: string, path: string, source: Cel, expect?: string,
): CompiledExpression | undefined {
  if (typeof source !== 'string') {
    ctx.problems.push({ code: 'FLOW_NODE_INVALID', message: `${path} must be a CEL expression (a string)`, node, path });
    return undefined;
  }
  // An expected type that is no CEL type has been reported where it was declared (flow-scope); not checked again.
  if (expect !== undefined && !ctx.engine.knownType(expect)) expect = undefined;
  const check = ctx.engine.check(source, ctx.declarations, expect === undefined ? {} : { expect });
  if (!check.ok) {
    for (const p of check.problems) {
      ctx.problems.push({ code: p.code, message: `${path}: ${p.message}`, node, path, details: { ...p.details, source, start: p.start, end: p.end } });
    }
    return undefined;
  }
  const expr = ctx.engine.compile(source, ctx.declarations, expect === undefined ? {} : { expect });
  ctx.reads.push({ node, path, variables: expr.variables });
  return expr;
}

export function nodeProblem(ctx: CompileContext, node: string, path: string, message: string, code = 'FLOW_NODE_INVALID'): void {
  ctx.problems.push({ code, message: `${path ? `${path}: ` : ''}${message}`, node, ...(path ? { path } : {}) });
}

/** An optional count (how many reasons to report): absent, or a whole number, 0 or more. */
export function checkCount(ctx: CompileContext, node: string, path: string, value: unknown): void {
  if (value !== undefined && !isWholeNumber(value, 0)) nodeProblem(ctx, node, path, 'must be a whole number, 0 or more');
}
