// Scorecard: each characteristic's value falls in one bin worth some points; score = base + sum of points. Reason
// codes come from the largest point losses (the bin's points below the characteristic's best bin). A missing value
// needs a 'missing' bin; without one it is an error.
import { RiskError } from '../../core/index.js';
import type { CompiledExpression } from '../../expression/index.js';
import { checkCount, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import type { ScorecardBin, ScorecardNode } from '../flow-types.js';
import { compileCell, compileValue, readValue, type CompiledCell } from './cell-compiler.js';

interface CompiledCharacteristic {
  readonly name: string;
  readonly value: CompiledExpression;
  readonly bins: readonly CompiledCell[];
  readonly points: readonly number[];
  readonly best: number;
  readonly reason: string;
}

export function compileScorecard(node: ScorecardNode, ctx: CompileContext): NodeRunner | undefined {
  if (typeof node.baseScore !== 'number') nodeProblem(ctx, node.id, 'baseScore', 'must be a number');
  if (typeof node.output !== 'string') nodeProblem(ctx, node.id, 'output', 'must name the variable the score is stored in');
  checkCount(ctx, node.id, 'reasons', node.reasons);
  if (!Array.isArray(node.characteristics) || node.characteristics.length === 0) {
    nodeProblem(ctx, node.id, 'characteristics', 'a scorecard needs characteristics');
    return undefined;
  }
  const before = ctx.problems.length;
  const chars = node.characteristics.map((ch, i): CompiledCharacteristic | undefined => {
    const path = `characteristics[${i}]`;
    const value = compileValue(ctx, node.id, `${path}.value`, ch?.value, ch?.name);
    if (typeof ch?.name !== 'string' || ch.name === '') nodeProblem(ctx, node.id, `${path}.name`, 'a characteristic needs a name');
    if (ch?.reason !== undefined && (typeof ch.reason !== 'string' || ch.reason === '')) nodeProblem(ctx, node.id, `${path}.reason`, 'must be a non-empty string');
    if (!Array.isArray(ch?.bins) || ch.bins.length === 0) {
      nodeProblem(ctx, node.id, `${path}.bins`, 'needs at least one bin');
      return undefined;
    }
    const bins = ch.bins.map((bin: ScorecardBin, b: number) => compileCell(ctx, node.id, `${path}.bins[${b}].when`, bin?.when, value));
    const points = ch.bins.map((bin: ScorecardBin, b: number) => {
      if (typeof bin?.points !== 'number' || !Number.isFinite(bin.points)) nodeProblem(ctx, node.id, `${path}.bins[${b}].points`, 'must be a number');
      return bin?.points;
    });
    if (ctx.problems.length > before || !value) return undefined;
    return {
      name: ch.name,
      value,
      bins: bins as CompiledCell[],
      points,
      best: Math.max(...points),
      reason: ch.reason ?? `SC_${ch.name.toUpperCase()}`,
    };
  });
  if (ctx.problems.length > before) return undefined;
  const compiled = chars as CompiledCharacteristic[];
  const id = node.id;
  const output = node.output;
  const base = node.baseScore;
  const maxReasons = node.reasons ?? 3;
  const losses = new Float64Array(compiled.length);

  return (state) => {
    let score = base;
    for (let i = 0; i < compiled.length; i++) {
      const ch = compiled[i];
      const { value, missing } = readValue(ch.value, state);
      let bin = -1;
      for (let b = 0; b < ch.bins.length; b++) {
        const cell = ch.bins[b];
        if (cell.kind === 'any' || (cell.kind === 'missing' ? value === null : value !== null && cell.test(value, state))) {
          bin = b;
          break;
        }
      }
      if (bin < 0) {
        if (value === null) {
          throw new RiskError('DECISION_VALUE_MISSING', `"${missing ?? ch.name}" has no value and scorecard "${id}" has no missing bin for ${ch.name}`, {
            node: id, item: ch.name, variable: missing ?? ch.name,
          });
        }
        throw new RiskError('DECISION_SCORECARD_NO_BIN', `${ch.name} value ${JSON.stringify(value)} falls in no bin`, { node: id, item: ch.name });
      }
      if (value === null) state.missing.push({ node: id, item: ch.name, variable: missing ?? ch.name, policy: 'bin' });
      score += ch.points[bin];
      losses[i] = ch.best - ch.points[bin];
    }
    state.vars[output] = score;
    // Reasons: the largest losses first; ties keep characteristic order.
    for (let n = 0; n < maxReasons; n++) {
      let worst = -1;
      for (let i = 0; i < losses.length; i++) if (losses[i] > 0 && (worst < 0 || losses[i] > losses[worst])) worst = i;
      if (worst < 0) break;
      state.reason(compiled[worst].reason, id, compiled[worst].name, 1, losses[worst]);
      losses[worst] = 0;
    }
    if (state.trace) state.step(id, 'scorecard', { score });
    return undefined;
  };
}
