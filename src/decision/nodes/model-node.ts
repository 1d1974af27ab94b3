// Model: scores a model artifact (src/model's ScoringModel) on variables or CEL inputs. Binary models set `output`
// to the probability; survival models (GBST) set each `horizons` variable to the PD at that horizon (1 - S(t)) — a
// fixed time, or one read from a variable per application — and `output` to the full-horizon risk. Missing inputs
// are passed as missing (NaN; the trees route them) and recorded. Reason codes come from the largest
// risk-increasing contributions, weighed in points (reasonScale) so they rank among scorecard and rule reasons.
import type { CompiledExpression } from '../../expression/index.js';
import { isSurvivalModel, type Contribution, type ScoringModel } from '../../model/index.js';
import { checkCount, nodeProblem, type CompileContext, type NodeRunner } from '../compile-context.js';
import { isRecord } from '../json-shape.js';
import type { ModelNode } from '../flow-types.js';
import { compileValue, readValue } from './cell-compiler.js';

export function compileModelNode(node: ModelNode, ctx: CompileContext): NodeRunner | undefined {
  const before = ctx.problems.length;
  if (typeof node.model !== 'string' || !Number.isInteger(node.version)) {
    nodeProblem(ctx, node.id, 'model', 'needs a model name and an integer version');
    return undefined;
  }
  const model = ctx.models.get(ctx.tenant, node.model, node.version);
  if (!model) {
    nodeProblem(ctx, node.id, 'model', `no model "${node.model}" version ${node.version}`, 'FLOW_MODEL_NOT_FOUND');
    return undefined;
  }
  if (node.horizons !== undefined && !isRecord(node.horizons)) nodeProblem(ctx, node.id, 'horizons', 'maps variables to horizons');
  const horizons = Object.entries(isRecord(node.horizons) ? node.horizons : {}) as [string, unknown][];
  if (horizons.length > 0 && !isSurvivalModel(model)) {
    nodeProblem(ctx, node.id, 'horizons', `a ${model.kind} model has no time dimension`);
  }
  if (!node.output && horizons.length === 0) nodeProblem(ctx, node.id, 'output', 'set `output` or `horizons`');
  for (const [name, horizon] of horizons) {
    if (typeof horizon === 'string') {
      if (!Object.hasOwn(ctx.declarations, horizon) || ctx.declarations[horizon] !== 'double') {
        nodeProblem(ctx, node.id, `horizons.${name}`, `"${horizon}" is not a number variable of the flow`);
      }
      ctx.reads.push({ node: node.id, path: `horizons.${name}`, variables: [horizon] });
    } else if (!(typeof horizon === 'number' && horizon > 0)) {
      nodeProblem(ctx, node.id, `horizons.${name}`, 'a horizon is a positive number or the name of a number variable');
    }
  }
  if (node.reasonScale !== undefined && !(typeof node.reasonScale === 'number' && Number.isFinite(node.reasonScale) && node.reasonScale > 0)) {
    nodeProblem(ctx, node.id, 'reasonScale', 'must be a positive number (points per unit of the model\'s score)');
  }
  checkCount(ctx, node.id, 'reasons', node.reasons);
  if (node.inputs !== undefined && !isRecord(node.inputs)) nodeProblem(ctx, node.id, 'inputs', 'maps model features to CEL');
  for (const name of Object.keys(isRecord(node.inputs) ? node.inputs : {})) {
    if (!model.features.includes(name)) nodeProblem(ctx, node.id, `inputs.${name}`, `the model has no feature "${name}"`);
  }
  const inputs = model.features.map((f) => compileValue(ctx, node.id, `inputs.${f}`, node.inputs?.[f], f));
  if (ctx.problems.length > before) return undefined;
  // Explaining builds the model's TreeSHAP tables on first use (~0.3 s for 300 depth-6 trees): here, when the flow
  // is compiled, rather than inside the first decision that needs reasons.
  if ((node.reasons ?? 2) > 0) model.topContributions(new Float64Array(model.features.length).fill(NaN), 1);
  return modelRunner(node, model, inputs as CompiledExpression[], horizons as [string, number | string][]);
}

function modelRunner(node: ModelNode, model: ScoringModel, inputs: readonly CompiledExpression[], horizons: [string, number | string][]): NodeRunner {
  const id = node.id;
  const names = model.features;
  const categorical = (model.artifact.featureInfo ?? []).some((f) => f.type === 'categorical');
  const values = new Float64Array(names.length);
  const record: Record<string, unknown> = {};
  // Fixed horizons are scored together; a horizon read from a variable is scored on its own, per application.
  const fixed = horizons.filter((h): h is [string, number] => typeof h[1] === 'number');
  const fixedTimes = fixed.map(([, t]) => t);
  const perApplication = horizons.filter((h): h is [string, string] => typeof h[1] === 'string');
  const lastTime = isSurvivalModel(model) ? model.periods * model.periodLength : 0;
  const topN = node.reasons ?? 2;
  const scale = node.reasonScale ?? defaultReasonScale(model);
  // Which way a contribution raises risk: up for log-odds and log hazards, down for a scorecard's points (its
  // contributions are the points lost against each variable's best attribute, <= 0).
  const riskSign = model.kind === 'scorecard' ? -1 : 1;
  const version = node.version;
  const survival = isSurvivalModel(model);
  const plainDoubles = inputs.map((input) => (input.identifier?.type === 'double' ? input.identifier.variable : undefined));

  return (state) => {
    state.inputs.modelUsed(node.model, version);
    for (let f = 0; f < inputs.length; f++) {
      // A plain double variable (every input of a model read by its features' names) is read here, as readValue
      // would read it, without the object readValue returns.
      const plain = plainDoubles[f];
      if (plain !== undefined && !categorical) {
        const v = state.vars[plain];
        if (typeof v === 'number' && Number.isFinite(v)) {
          values[f] = v;
          continue;
        }
        if (v === null || v === undefined) {
          state.missing.push({ node: id, item: names[f], variable: plain, policy: 'model' });
          values[f] = NaN;
          continue;
        }
      }
      const read = readValue(inputs[f], state);
      if (read.value === null) state.missing.push({ node: id, item: names[f], variable: read.missing ?? names[f], policy: 'model' });
      if (categorical) record[names[f]] = read.value;
      else values[f] = typeof read.value === 'number' ? read.value : typeof read.value === 'boolean' ? Number(read.value) : NaN;
    }
    const x = categorical ? model.encodeRecord(record) : values;
    // A binary model's output and reasons come from one pass over its trees where the model can (see
    // predictWithContributions); the numbers are those of predictRow and topContributions.
    let contributions: Contribution[] | undefined;
    if (node.output && !survival && topN > 0) {
      const both = model.predictWithContributions(x, topN);
      state.vars[node.output] = both.prediction as number;
      contributions = both.contributions;
    } else if (node.output) {
      state.vars[node.output] = survival ? model.riskScore(x) : (model.predictRow(x) as number);
    }
    if (fixedTimes.length > 0) {
      const curve = model.survivalAt(x, fixedTimes);
      for (let h = 0; h < fixed.length; h++) state.vars[fixed[h][0]] = 1 - curve[h];
    }
    for (const [name, variable] of perApplication) {
      const t = state.vars[variable];
      if (typeof t !== 'number' || !(t > 0)) {
        state.vars[name] = null;
        state.missing.push({ node: id, item: name, variable, policy: 'model' });
        continue;
      }
      state.vars[name] = 1 - model.survivalAt(x, [Math.min(t, lastTime)])[0];
    }
    if (topN > 0) {
      for (const c of contributions ?? model.topContributions(x, topN)) {
        const risk = riskSign * c.contribution;
        if (risk > 0) state.reason(`MODEL_${c.feature.toUpperCase()}`, id, c.feature, 1, risk * scale);
      }
    }
    if (state.trace) state.step(id, 'model', { model: node.model, version, output: node.output ? state.vars[node.output] : undefined });
    return undefined;
  };
}

/** Points per unit of log-odds at 20 points to double the odds: the scale most scorecards are built on. */
export const POINTS_PER_LOG_ODDS = 20 / Math.LN2;

/**
 * Without a reasonScale, a model's contributions are put in points the way scorecards are scaled: log-odds (and log
 * hazard ratios) at 20 points to double the odds; a scorecard model's contributions are points already.
 */
function defaultReasonScale(model: ScoringModel): number {
  return model.kind === 'scorecard' ? 1 : POINTS_PER_LOG_ODDS;
}

/** Variables a model node sets (all doubles). */
export function modelOutputs(node: ModelNode): string[] {
  return [...(node.output ? [node.output] : []), ...Object.keys(isRecord(node.horizons) ? node.horizons : {})];
}
