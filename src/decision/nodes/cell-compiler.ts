// Compiles a table / matrix / scorecard cell into a predicate: fast closures for ranges and literals, CEL (with the
// column's value bound to `value`) for anything else. Also reads a column's value with missing made explicit.
import type { CompiledExpression } from '../../expression/index.js';
import { parseCell, type CellTest } from '../cell-predicate.js';
import { compileCel, nodeProblem, type CompileContext } from '../compile-context.js';
import type { DecisionState } from '../decision-state.js';
import type { Cel } from '../flow-types.js';
import { missingVariable } from '../missing-policy.js';
import { valueKind } from '../value-kinds.js';

export interface CompiledCell {
  readonly kind: 'any' | 'missing' | 'test';
  /** Called with a non-null value for 'test' cells. */
  readonly test: (value: unknown, state: DecisionState) => boolean;
}

const ALWAYS: CompiledCell = { kind: 'any', test: () => true };
const MISSING: CompiledCell = { kind: 'missing', test: (v) => v === null || v === undefined };

/** A cell of a column whose values come from `column` (when it compiled): a range or literal must suit its values. */
export function compileCell(ctx: CompileContext, node: string, path: string, cell: string, column: CompiledExpression | undefined): CompiledCell | undefined {
  const parsed = parseCell(cell);
  if (parsed.kind === 'any') return ALWAYS;
  if (parsed.kind === 'missing') return MISSING;
  if (parsed.kind === 'test') {
    const kind = column && valueKind(column);
    if (kind !== undefined && !parsed.compares!.includes(kind)) {
      const what = kind === 'bool' ? 'booleans' : `${kind}s`;
      // A strict problem: a version saved before this check ran with the cell, which never matched.
      ctx.strictProblems.push({
        code: 'FLOW_CELL_TYPE_MISMATCH', node, path,
        message: `${path}: the cell ${cell} compares with ${parsed.compares!.map((k) => (k === 'bool' ? 'a boolean' : `a ${k}`)).join(' or ')}, but the column (${column!.source}) holds ${what}`,
      });
    }
    const test = parsed.test as CellTest;
    return { kind: 'test', test: (v) => test(v) };
  }
  const expr = compileCel(ctx, node, path, cell, 'bool');
  if (!expr) return undefined;
  return {
    kind: 'test',
    test: (v, state) => {
      state.vars.value = v;
      return expr.evaluate(state.vars) as boolean;
    },
  };
}

/** The value source of a column / axis / characteristic: its CEL, or the variable of the same name. */
export function compileValue(ctx: CompileContext, node: string, path: string, value: Cel | undefined, name: string): CompiledExpression | undefined {
  return compileCel(ctx, node, path, value ?? name);
}

export interface ReadValue {
  readonly value: unknown;
  /** The variable that was missing, when the value is missing because of one. */
  readonly missing?: string;
}

/** Evaluates a value source; a missing variable yields null plus its name (the caller applies its policy). */
export function readValue(expr: CompiledExpression, state: DecisionState): ReadValue {
  // A plain double or bool variable (most scorecard characteristics, model inputs, table columns) is read directly.
  const id = expr.identifier;
  if (id !== undefined) {
    const v = state.vars[id.variable];
    if (v === null || v === undefined) return { value: null, missing: id.variable };
    if (id.type === 'double' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'boolean') return { value: v };
  }
  const absent = expr.missingIn(state.vars);
  if (absent !== undefined) return { value: null, missing: absent };
  try {
    const value = expr.evaluate(state.vars);
    return value === undefined ? { value: null } : { value };
  } catch (err) {
    const variable = missingVariable(err);
    if (variable === undefined) throw err;
    return { value: null, missing: variable };
  }
}
