import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromColumns } from '../data/table.js';
import { trainScorecard } from '../scorecard/train-scorecard.js';
import { defaultHorizons, evaluateModel, loadModelFile, survivalGrid } from './evaluate-model.js';
import { RiskError } from '../../core/index.js';
import { loadModel } from '../../model/index.js';
import { perPeriodAuc } from '../metrics/index.js';
import { simulateLoans } from '../testing/simulated-loans.js';
import { trainCox } from '../train/train-cox.js';
import { trainGbst } from '../train/train-gbst.js';

function creditTable() {
  const income: number[] = [];
  const bad: number[] = [];
  for (let i = 0; i < 400; i++) {
    income.push(i);
    bad.push(i % 7 === 0 || (i < 120 && i % 2 === 0) ? 1 : 0);
  }
  return tableFromColumns({ income, bad });
}

test('a scorecard artifact file loads through the registry and evaluates as a binary model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-eval-'));
  try {
    const table = creditTable();
    const path = join(dir, 'scorecard.json');
    writeFileSync(path, JSON.stringify(trainScorecard(table, { target: 'bad' }).artifact));
    const model = loadModelFile(path);
    assert.equal(model.kind, 'scorecard');
    const report = evaluateModel(model, table, { target: 'bad' });
    assert.equal(report.kind, 'binary');
    const aucRow = report.metrics.find((m) => m.metric === 'AUC')!;
    assert.ok(aucRow.value > 0.7, `income separates the classes, AUC ${aucRow.value}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wrong requests fail with codes: unreadable file, survival columns for a binary model, no target', () => {
  const code = (c: string) => (e: unknown) => e instanceof RiskError && e.code === c;
  assert.throws(() => loadModelFile('/nonexistent/model.json'), code('LEARN_MODEL_FILE_UNREADABLE'));
  const table = creditTable();
  const model = { ...trainScorecard(table, { target: 'bad' }) };
  const dir = mkdtempSync(join(tmpdir(), 'argus-eval-'));
  try {
    const path = join(dir, 'm.json');
    writeFileSync(path, JSON.stringify(model.artifact));
    const loaded = loadModelFile(path);
    assert.throws(() => evaluateModel(loaded, table, { time: 'income', event: 'bad' }), code('LEARN_PARAM_INVALID'));
    assert.throws(() => evaluateModel(loaded, table, {}), code('LEARN_PARAM_INVALID'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the survival grid holds the horizons and evenly spaced points up to the last one', () => {
  const g = survivalGrid([12, 36]);
  assert.ok(g.includes(12) && g.includes(36));
  assert.equal(g[g.length - 1], 36);
  assert.equal(g[0], 1.5);
});

test('default horizons are the quartiles of the observed times, capped at the model\'s last time and counted once', () => {
  const time = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(defaultHorizons(time), [26, 51, 76]);
  assert.deepEqual(defaultHorizons(time, 60), [26, 51, 60]);
  assert.deepEqual(defaultHorizons(time, 20), [20]);
});

test('a GBST model evaluated without horizons on times past J·L: horizons capped at J·L; mean period AUC at the period ends', () => {
  // Loans followed for 8 periods of 3; the model covers 4 periods (12), so the observed quartiles run past it.
  const { table } = simulateLoans({ rows: 800, periods: 8, periodLength: 3, seed: 5 });
  const spec = { features: ['score', 'ltv'], time: 'time', event: 'default', rounds: 10, maxDepth: 2 };
  const gbst = loadModel(trainGbst(table, { ...spec, periods: 4, periodLength: 3 }));
  assert.ok(defaultHorizons(table.numeric('time'))[2] > 12);
  const report = evaluateModel(gbst, table, { time: 'time', event: 'default' });
  const aucRows = report.metrics.filter((m) => m.metric.startsWith('AUC(')).map((m) => Number(m.metric.slice(4, -1)));
  assert.ok(aucRows.length > 0 && aucRows.every((h) => h <= 12), aucRows.join());
  assert.equal(new Set(aucRows).size, aucRows.length);

  // The per-period AUC as GBST defines it, at the period ends 3, 6, 9, 12, from the model's own S(t).
  const ends = [3, 6, 9, 12];
  const fill = gbst.rowFiller(table);
  const x = new Float64Array(2);
  const atEnds = ends.map(() => new Float64Array(table.rowCount));
  for (let i = 0; i < table.rowCount; i++) {
    fill(i, x);
    gbst.survivalAt(x, ends).forEach((s, k) => (atEnds[k][i] = s));
  }
  const periods = perPeriodAuc(atEnds, ends, table.numeric('time'), table.numeric('default'));
  const meanRow = report.metrics.find((m) => m.metric === 'mean period AUC')!;
  assert.ok(Math.abs(meanRow.value - periods.reduce((a, b) => a + b, 0) / 4) < 1e-15);

  // With training data, the score PSI of the PD over J·L (nil against itself); without, none.
  assert.ok(!report.metrics.some((m) => m.metric === 'Score PSI'));
  const against = evaluateModel(gbst, table, { time: 'time', event: 'default', training: table });
  assert.equal(against.metrics.find((m) => m.metric === 'Score PSI')?.value, 0);

  // A Cox model has no periods: no mean period AUC row.
  const cox = loadModel(trainCox(table, spec));
  assert.ok(!evaluateModel(cox, table, { time: 'time', event: 'default', horizons: [12] }).metrics.some((m) => m.metric === 'mean period AUC'));
});
