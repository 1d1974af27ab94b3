// Decision table: input columns (CEL or variables), rows of cells, outputs set as variables. Hit policies: first
// (first matching row), priority (highest `priority` among matches), collect (every match; outputs become lists).
// No match uses `defaults` or is an error (collect: empty lists). A missing column value follows onMissing.
import { RiskError } from '../../core/index.js';
import type { CompiledExpression } from '../../expression/index.js';
import { compileCel, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { DecisionState } from '../decision-state.js';
import type { Cel, DecisionTableNode } from '../flow-types.js';
import { isRecord } from '../json-shape.js';
import { MISSING_POLICIES, applyMissing } from '../missing-policy.js';
import { compileCell, compileValue, readValue, type CompiledCell } from './cell-compiler.js';

interface CompiledRow {
  readonly cells: readonly CompiledCell[];
  readonly outputs: readonly OutputCell[];
  readonly priority: number;
  readonly reason?: string;
}

interface OutputCell {
  readonly name: string;
  readonly constant: boolean;
  readonly value: unknown;
  readonly expr?: CompiledExpression;
}

export function compileDecisionTable(node: DecisionTableNode, ctx: CompileContext): NodeRunner | undefined {
  const policy = node.hitPolicy ?? 'first';
  if (!['first', 'collect', 'priority'].includes(policy)) nodeProblem(ctx, node.id, 'hitPolicy', 'must be first, collect or priority');
  const onMissing = node.onMissing ?? 'error';
  if (!MISSING_POLICIES.includes(onMissing)) nodeProblem(ctx, node.id, 'onMissing', `must be one of ${MISSING_POLICIES.join(', ')}`);
  if (!Array.isArray(node.inputs) || !Array.isArray(node.rows) || !isRecord(node.outputs)) {
    nodeProblem(ctx, node.id, '', 'a table needs inputs, outputs and rows');
    return undefined;
  }
  const outputNames = Object.keys(node.outputs);
  const before = ctx.problems.length;
  const columns = node.inputs.map((col, i) => compileValue(ctx, node.id, `inputs[${i}].value`, col?.value, col?.name));
  const rows: CompiledRow[] = node.rows.map((row, r) => {
    const path = `rows[${r}]`;
    if (!Array.isArray(row?.when) || row.when.length !== node.inputs.length) {
      nodeProblem(ctx, node.id, `${path}.when`, `needs one cell per input column (${node.inputs.length})`, 'FLOW_CELL_INVALID');
    }
    const cells = (Array.isArray(row?.when) ? row.when : []).map((cell: string, c: number) => compileCell(ctx, node.id, `${path}.when[${c}]`, cell, columns[c]));
    if (row?.then !== undefined && !isRecord(row.then)) nodeProblem(ctx, node.id, `${path}.then`, 'maps outputs to CEL');
    if (row?.priority !== undefined && !Number.isFinite(row.priority)) nodeProblem(ctx, node.id, `${path}.priority`, 'must be a number');
    if (row?.reason !== undefined && (typeof row.reason !== 'string' || row.reason === '')) nodeProblem(ctx, node.id, `${path}.reason`, 'must be a non-empty string');
    for (const name of Object.keys(isRecord(row?.then) ? row.then : {})) {
      if (!outputNames.includes(name)) nodeProblem(ctx, node.id, `${path}.then.${name}`, `"${name}" is not one of the table's outputs`);
    }
    const outputs = outputNames
      .filter((name) => isRecord(row?.then) && Object.hasOwn(row.then, name))
      .map((name) => outputCell(ctx, node.id, `${path}.then.${name}`, name, row.then[name], node.outputs[name]));
    return { cells: cells as CompiledCell[], outputs: outputs as OutputCell[], priority: row?.priority ?? 0, reason: row?.reason };
  });
  if (node.defaults !== undefined && !isRecord(node.defaults)) nodeProblem(ctx, node.id, 'defaults', 'maps outputs to CEL');
  const defaults = isRecord(node.defaults)
    ? Object.entries(node.defaults).map(([name, cel]) => {
      if (outputNames.includes(name)) return outputCell(ctx, node.id, `defaults.${name}`, name, cel as Cel, node.outputs[name]);
      nodeProblem(ctx, node.id, `defaults.${name}`, `"${name}" is not one of the table's outputs`);
      return undefined;
    })
    : undefined;
  if (ctx.problems.length > before) return undefined;
  const cols = columns as CompiledExpression[];
  const id = node.id;
  const values = new Array<unknown>(cols.length);

  const matches = (row: CompiledRow, state: DecisionState, missingHits: boolean): boolean => {
    for (let c = 0; c < row.cells.length; c++) {
      const cell = row.cells[c];
      if (cell.kind === 'any') continue;
      const v = values[c];
      if (cell.kind === 'missing') {
        if (v !== null) return false;
        continue;
      }
      if (v === null) {
        if (missingHits) continue;
        return false;
      }
      if (!cell.test(v, state)) return false;
    }
    return true;
  };

  return (state) => {
    let missingHits = false;
    for (let c = 0; c < cols.length; c++) {
      const read = readValue(cols[c], state);
      values[c] = read.value;
      if (read.missing !== undefined) missingHits = applyMissing(state, onMissing, id, node.inputs[c].name, read.missing) || missingHits;
    }
    if (policy === 'collect') {
      const collected: Record<string, unknown[]> = {};
      for (const name of outputNames) collected[name] = [];
      const matched: number[] = [];
      for (let r = 0; r < rows.length; r++) {
        if (!matches(rows[r], state, missingHits)) continue;
        matched.push(r);
        for (const out of rows[r].outputs) collected[out.name].push(outputValue(out, state));
        if (rows[r].reason) state.reason(rows[r].reason!, id, `row ${r}`, 1, 0);
      }
      for (const name of outputNames) state.vars[name] = collected[name];
      if (state.trace) state.step(id, 'table', { matched });
      return undefined;
    }
    let chosen = -1;
    for (let r = 0; r < rows.length; r++) {
      if (!matches(rows[r], state, missingHits)) continue;
      if (policy === 'first') {
        chosen = r;
        break;
      }
      if (chosen < 0 || rows[r].priority > rows[chosen].priority) chosen = r;
    }
    if (chosen < 0) {
      if (!defaults) throw new RiskError('DECISION_TABLE_NO_MATCH', `no row of table "${id}" matches and it has no defaults`, { node: id });
      for (const out of defaults as OutputCell[]) state.vars[out.name] = outputValue(out, state);
    } else {
      const row = rows[chosen];
      for (const out of row.outputs) state.vars[out.name] = outputValue(out, state);
      if (row.reason) state.reason(row.reason, id, `row ${chosen}`, 1, 0);
    }
    if (state.trace) state.step(id, 'table', { row: chosen });
    return undefined;
  };
}

function outputCell(ctx: CompileContext, node: string, path: string, name: string, cel: Cel, type: string | undefined): OutputCell | undefined {
  const expr = compileCel(ctx, node, path, cel, type);
  if (!expr) return undefined;
  if (expr.variables.length > 0) return { name, constant: false, value: undefined, expr };
  try {
    return { name, constant: true, value: expr.evaluate({}) };
  } catch (err) {
    nodeProblem(ctx, node, path, `cannot be evaluated: ${(err as Error).message}`, 'FLOW_CELL_INVALID');
    return undefined;
  }
}

function outputValue(out: OutputCell, state: DecisionState): unknown {
  return out.constant ? out.value : out.expr!.evaluate(state.vars);
}
