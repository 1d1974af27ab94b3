// expression: CEL rules — compile once, evaluate many; a function registry; a sandbox (no code, no prototypes,
// bounded size and nesting). Imports only core. See docs/expression.md.
import { ExpressionEngine } from './expression-engine.js';
import type { CompileOptions, CompiledExpression, Declarations, ExpressionCheck } from './expression-types.js';

export { ExpressionEngine, DEFAULT_LIMITS, type ExpressionEngineOptions } from './expression-engine.js';
export { FunctionRegistry } from './function-registry.js';
export { numericOverloads } from './builtin-functions.js';
export type {
  CelType, CompileOptions, CompiledExpression, Declarations, ExpressionCheck, ExpressionFunction, ExpressionLimits,
  ExpressionProblem,
} from './expression-types.js';

let defaultEngine: ExpressionEngine | undefined;

/** The engine with Argus's built-in functions and default limits, made on first use. */
export function defaultExpressionEngine(): ExpressionEngine {
  return (defaultEngine ??= new ExpressionEngine());
}

/** Compiles CEL source against the default engine; throws RiskError EXPRESSION_* on the first problem. */
export function compileExpression(source: string, declarations?: Declarations, options?: CompileOptions): CompiledExpression {
  return defaultExpressionEngine().compile(source, declarations, options);
}

/** Checks CEL source for authoring, collecting every problem (never throws for a bad expression). */
export function checkExpression(source: string, declarations?: Declarations, options?: CompileOptions): ExpressionCheck {
  return defaultExpressionEngine().check(source, declarations, options);
}
