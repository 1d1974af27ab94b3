// Trains the demo's two models on a simulated world other than the demo's own: the world's applications are decided
// by the demo flow in a backtest (inputs as they were at the time), the flow's variables are exported as a training
// table, and the outcomes are the backtest's (bad = charged off or 30+ days past due, for booked loans). Each model
// is trained on the earlier 80% of applications, with early stopping on the rest, and checked there:
//  - the champion's PD (src/decision/demo/demo-pd-model.json): a binary GBDT on bad / good, known outcomes;
//  - the challenger's PD curve (src/decision/demo/demo-pd-curve-model.json): a GBST over 12 monthly periods on the
//    months from application to going bad, censored where the loan closed or the log ended. Checked by its PD over
//    each loan's own term, which the challenger flow uses (PD at a fixed 12 months mostly encodes the term here: a
//    loan still open past its term is almost surely bad).
//
//   npm run argus -- simulate --applicants 20000 --seed 7 --out /tmp/w7/world
//   npm run argus -- ingest /tmp/w7/world/events.ndjson --data /tmp/w7
//   node --import tsx scripts/train-demo-model.ts /tmp/w7
import { writeFileSync } from 'node:fs';
import { loadConfig, openArgus } from '../src/app/index.js';
import { DEMO_MODEL_INPUTS, DEMO_SLOT, installDemoDecisions } from '../src/decision/index.js';
import { harrellC, Table, trainGbdt, trainGbst } from '../src/learn/index.js';
import { loadModel } from '../src/model/index.js';
import { auc } from '../src/stats/index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: train-demo-model.ts DATA_DIR (a data folder with a simulated world ingested)');
const out = new URL('../src/decision/demo/demo-pd-model.json', import.meta.url).pathname;
const curveOut = new URL('../src/decision/demo/demo-pd-curve-model.json', import.meta.url).pathname;
const MONTH_MS = 30.4375 * 24 * 3600 * 1000;
const PERIODS = 12;

const app = await openArgus(loadConfig({ data: dataDir }));
installDemoDecisions(app.decision.catalog, app.decision.models, 'default', Date.now());
/** Per application: its time and the model inputs (NaN where the flow had none: the trees route missing values). */
const inputs = new Map<string, { time: number; values: Float64Array }>();
const { decisions } = await app.decision.backtest(app.services.eventLog, {
  tenant: 'default',
  flows: [app.decision.catalog.latest('default', DEMO_SLOT)],
  onApplication: ({ applicationId, time, variables }) => {
    inputs.set(applicationId, { time, values: Float64Array.from(DEMO_MODEL_INPUTS, (name) => (typeof variables[name] === 'number' ? (variables[name] as number) : NaN)) });
  },
});
await app.close();

/** A training table: the model inputs, then the label columns. */
function tableOf<R extends { values: Float64Array }>(part: readonly R[], labels: Record<string, (row: R) => number>): Table {
  return new Table([
    ...DEMO_MODEL_INPUTS.map((name, k) => ({ kind: 'numeric' as const, name, values: Float64Array.from(part, (r) => r.values[k]) })),
    ...Object.entries(labels).map(([name, of]) => ({ kind: 'numeric' as const, name, values: Float64Array.from(part, of) })),
  ]);
}

const rows = decisions.filter((d) => d.bad !== null).map((d) => ({ ...inputs.get(d.applicationId)!, bad: d.bad ? 1 : 0 })).sort((a, b) => a.time - b.time);
const cut = Math.floor(rows.length * 0.8);
const table = (part: typeof rows) => tableOf(part, { bad: (r) => r.bad });
const train = table(rows.slice(0, cut));
const holdout = table(rows.slice(cut));
const artifact = trainGbdt(train, {
  features: [...DEMO_MODEL_INPUTS], target: 'bad', rounds: 100, maxDepth: 3, learningRate: 0.15, minChildHessian: 5, seed: 1, validation: holdout, earlyStoppingRounds: 20,
});
const model = loadModel(artifact);
const scores = rows.slice(cut).map((r) => model.riskScore(r.values));
const labels = rows.slice(cut).map((r) => r.bad);
writeFileSync(out, JSON.stringify({ ...artifact, target: 'bad_known_outcome', training: { ...artifact.training, seconds: 0 } }) + '\n');
console.log(`${rows.length} applications with known outcomes (${(100 * rows.reduce((a, r) => a + r.bad, 0) / rows.length).toFixed(1)}% bad); ` +
  `trained on the first ${cut}, ${artifact.trees.length} trees; holdout AUC ${auc(scores, labels).toFixed(4)}; wrote ${out}`);

// The challenger's GBST: every booked application; time = whole months observed (at least 1), event = went bad.
const booked = decisions.filter((d) => d.timeline !== null).map((d) => {
  const t = d.timeline!;
  return { ...inputs.get(d.applicationId)!, months: Math.max(1, Math.ceil((t.observedUntil - d.time) / MONTH_MS)), event: t.badAt === null ? 0 : 1 };
}).sort((a, b) => a.time - b.time);
const bookedCut = Math.floor(booked.length * 0.8);
const survivalTable = (part: typeof booked) => tableOf(part, { months: (r) => r.months, went_bad: (r) => r.event });
const curve = trainGbst(survivalTable(booked.slice(0, bookedCut)), {
  features: [...DEMO_MODEL_INPUTS], time: 'months', event: 'went_bad', periods: PERIODS, periodLength: 1, rounds: 100, maxDepth: 3,
  learningRate: 0.15, minChildHessian: 5, seed: 1, validation: survivalTable(booked.slice(bookedCut)), earlyStoppingRounds: 20,
});
const curveModel = loadModel(curve);
const termAt = DEMO_MODEL_INPUTS.indexOf('term');
const rest = booked.slice(bookedCut);
const pdOverTerm = Float64Array.from(rest, (r) => 1 - curveModel.survivalAt(r.values, [Math.min(r.values[termAt], PERIODS)])[0]);
const c = harrellC(pdOverTerm, Float64Array.from(rest, (r) => r.months), Float64Array.from(rest, (r) => r.event)).cIndex;
writeFileSync(curveOut, JSON.stringify({ ...curve, training: { ...curve.training, seconds: 0 } }) + '\n');
console.log(`${booked.length} booked applications (${(100 * booked.reduce((a, r) => a + r.event, 0) / booked.length).toFixed(1)}% went bad); ` +
  `GBST ${curve.trees.length} trees; holdout Harrell's C of the PD over the term ${c.toFixed(4)}, AUC ${auc(pdOverTerm, rest.map((r) => r.event)).toFixed(4)}; wrote ${curveOut}`);
