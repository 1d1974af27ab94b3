// Decision matrix: two banded inputs (e.g. score band x income band) index a grid of values (e.g. a credit limit).
// Bands are range cells tried in order; a value in no band is an error, a missing value follows onMissing.
import { RiskError } from '../../core/index.js';
import { nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { DecisionState } from '../decision-state.js';
import type { DecisionMatrixNode, MatrixAxis } from '../flow-types.js';
import { MISSING_POLICIES, applyMissing } from '../missing-policy.js';
import { compileCell, compileValue, readValue, type CompiledCell } from './cell-compiler.js';

export function compileDecisionMatrix(node: DecisionMatrixNode, ctx: CompileContext): NodeRunner | undefined {
  const onMissing = node.onMissing ?? 'error';
  if (!MISSING_POLICIES.includes(onMissing)) nodeProblem(ctx, node.id, 'onMissing', `must be one of ${MISSING_POLICIES.join(', ')}`);
  if (typeof node.output !== 'string') nodeProblem(ctx, node.id, 'output', 'must name the variable the matrix sets');
  const before = ctx.problems.length;
  const rows = compileAxis(ctx, node.id, 'rows', node.rows);
  const columns = compileAxis(ctx, node.id, 'columns', node.columns);
  if (!rows || !columns) return undefined;
  const grid = node.values;
  if (!Array.isArray(grid) || grid.length !== rows.bands.length || grid.some((r) => !Array.isArray(r) || r.length !== columns.bands.length)) {
    nodeProblem(ctx, node.id, 'values', `must be ${rows.bands.length} rows of ${columns.bands.length} values`, 'FLOW_CELL_INVALID');
  }
  if (ctx.problems.length > before) return undefined;
  const id = node.id;
  const output = node.output;

  const band = (axis: NonNullable<ReturnType<typeof compileAxis>>, name: string, state: DecisionState): number => {
    const read = readValue(axis.value, state);
    if (read.missing !== undefined || read.value === null) {
      if (applyMissing(state, onMissing, id, name, read.missing ?? name)) return -2;
      return -1;
    }
    for (let b = 0; b < axis.bands.length; b++) if (axis.bands[b].test(read.value, state)) return b;
    throw new RiskError('DECISION_MATRIX_NO_BAND', `${name} value ${JSON.stringify(read.value)} falls in no band of matrix "${id}"`, { node: id, axis: name });
  };

  return (state) => {
    const r = band(rows, 'rows', state);
    const c = r < 0 ? -1 : band(columns, 'columns', state);
    // A missing axis with a non-error policy leaves the output missing (null), explicitly recorded.
    state.vars[output] = r >= 0 && c >= 0 ? grid[r][c] : null;
    if (state.trace) state.step(id, 'matrix', { row: r >= 0 ? node.rows.bands[r].label : null, column: c >= 0 ? node.columns.bands[c].label : null });
    return undefined;
  };
}

function compileAxis(ctx: CompileContext, node: string, path: string, axis: MatrixAxis) {
  if (!axis || !Array.isArray(axis.bands) || axis.bands.length === 0) {
    nodeProblem(ctx, node, path, 'needs a value and at least one band');
    return undefined;
  }
  const value = compileValue(ctx, node, `${path}.value`, axis.value, '');
  const bands = axis.bands.map((b, i) => compileCell(ctx, node, `${path}.bands[${i}].range`, b?.range, value));
  if (!value || bands.some((b) => b === undefined)) return undefined;
  return { value, bands: bands as CompiledCell[] };
}

/** The CEL type of a matrix's output: double when every value is a number, else string. */
export function matrixOutputType(node: DecisionMatrixNode): string {
  const all = Array.isArray(node.values) ? node.values.flat() : [];
  return all.every((v) => typeof v === 'number') ? 'double' : 'string';
}
