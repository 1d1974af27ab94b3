import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromColumns } from '../data/table.js';
import { trainScorecard } from '../scorecard/train-scorecard.js';
import { evaluateModel, loadModelFile, survivalGrid } from './evaluate-model.js';
import { RiskError } from '../../core/index.js';

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
