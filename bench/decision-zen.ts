// The demo flow's pricing table evaluated two ways: as a one-table Argus flow (input -> table -> output, runFlow)
// and as the equivalent JDM graph in @gorules/zen-engine (input -> decisionTableNode -> output, evaluate).
import { importNpmPeer } from './npm-peer.js';
import { FixedClock } from '../src/core/index.js';
import { compileFlow, demoFlow, runFlow, NO_LISTS, type DecisionTableNode, type FlowDocument } from '../src/decision/index.js';
import { defaultExpressionEngine } from '../src/expression/index.js';

/** The part of @gorules/zen-engine's API this comparison uses (the package is installed on demand, untyped here). */
interface ZenModule {
  ZenEngine: new () => {
    createDecision(jdm: unknown): { evaluate(input: unknown): Promise<unknown> };
    dispose(): void;
  };
}

/** Our cell syntax -> zen unary test: ranges with an open end become comparisons, '-' becomes empty. */
function zenCell(cell: string): string {
  const t = cell.trim();
  if (t === '-' || t === '') return '';
  const open = /^\[(-?[\d.]+)\.\.\]$/.exec(t);
  if (open) return `>= ${open[1]}`;
  const upper = /^\[\.\.(-?[\d.]+)\)$/.exec(t);
  if (upper) return `< ${upper[1]}`;
  return t;
}

export async function compareWithZen(iterations: number): Promise<{ ours_us: number; zen_us: number; ratio: number }> {
  const table = demoFlow().nodes.find((n) => n.kind === 'table') as DecisionTableNode;
  const flowDoc: FlowDocument = {
    id: 'pricing-only',
    variables: { score: { path: 'score' }, pd_12m: { path: 'pd_12m' } },
    nodes: [{ kind: 'input', id: 'in' }, table, { kind: 'output', id: 'out', expose: Object.keys(table.outputs) }],
    edges: [{ from: 'in', to: table.id }, { from: table.id, to: 'out' }],
  };
  const compiled = compileFlow(flowDoc, 1, { tenant: 't', engine: defaultExpressionEngine(), models: { get: () => undefined }, resolveFlow: () => undefined });
  if (!compiled.flow) throw new Error(JSON.stringify(compiled.problems));
  const flow = compiled.flow;
  const inputs = table.inputs.map((c, i) => ({ id: `i${i}`, name: c.name, field: c.name }));
  const outputs = Object.keys(table.outputs).map((name, i) => ({ id: `o${i}`, name, field: name }));
  const rows = [...table.rows, { when: table.inputs.map(() => '-'), then: table.defaults ?? {} }];
  const jdm = {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'tbl', type: 'decisionTableNode', name: table.id, position: { x: 0, y: 0 },
        content: {
          hitPolicy: 'first', inputs, outputs,
          rules: rows.map((row, r) => {
            const rule: Record<string, string> = { _id: `r${r}` };
            row.when.forEach((cell, c) => (rule[`i${c}`] = zenCell(cell)));
            outputs.forEach((o) => (rule[o.id] = row.then[o.name] ?? ''));
            return rule;
          }),
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 0, y: 0 } },
    ],
    edges: [{ id: 'e1', sourceId: 'in', targetId: 'tbl', type: 'edge' }, { id: 'e2', sourceId: 'tbl', targetId: 'out', type: 'edge' }],
  };
  const { ZenEngine } = await importNpmPeer<ZenModule>('@gorules/zen-engine', '0.54.0');
  const zen = new ZenEngine();
  const decision = zen.createDecision(jdm);
  const cases = Array.from({ length: 256 }, (_, i) => ({ score: 560 + ((i * 37) % 180), pd_12m: ((i * 13) % 250) / 1000 }));
  // Both must agree before their speed means anything.
  const clock = new FixedClock(0);
  for (const c of cases.slice(0, 64)) {
    const ours = runFlow(flow, { tenant: 't', data: c, features: {}, graph: {}, lists: NO_LISTS, time: 0, clock }).result.variables;
    const theirs = ((await decision.evaluate(c)) as { result: Record<string, unknown> }).result;
    for (const k of Object.keys(table.outputs)) {
      if (ours[k] !== theirs[k]) throw new Error(`zen and Argus disagree on ${JSON.stringify(c)}: ${k} ${ours[k]} vs ${theirs[k]}`);
    }
  }
  const timeOurs = (): number => {
    const t = performance.now();
    for (let i = 0; i < iterations; i++) runFlow(flow, { tenant: 't', data: cases[i & 255], features: {}, graph: {}, lists: NO_LISTS, time: 0, clock });
    return ((performance.now() - t) * 1000) / iterations;
  };
  const timeZen = async (): Promise<number> => {
    const t = performance.now();
    for (let i = 0; i < iterations; i++) await decision.evaluate(cases[i & 255]);
    return ((performance.now() - t) * 1000) / iterations;
  };
  timeOurs();
  await timeZen();
  const ours = timeOurs();
  const theirs = await timeZen();
  zen.dispose();
  return { ours_us: ours, zen_us: theirs, ratio: ours / theirs };
}
