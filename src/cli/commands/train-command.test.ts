import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { loadTable, writeCsv } from '../../learn/index.js';
import { simulateLoans } from '../../learn/testing/simulated-loans.js';
import { loadModel } from '../../model/index.js';
import { registerPredictCommand } from './predict-command.js';
import { registerTrainCommand } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-train-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(): Command {
  const program = new Command('argus').exitOverride();
  registerTrainCommand(program);
  registerPredictCommand(program);
  return program;
}

function writeLoans(path: string, rows: number, seed: number): void {
  const { table } = simulateLoans({ rows, periods: 8, periodLength: 3, seed });
  const grade = table.column('grade');
  writeCsv(path, [
    { name: 'id', values: Array.from({ length: rows }, (_, i) => `loan-${seed}-${i}`) },
    ...['score', 'ltv', 'noise', 'time', 'default'].map((name) => ({ name, values: table.numeric(name) })),
    { name: 'grade', values: Array.from(grade.values, (c) => (grade.kind === 'categorical' ? grade.levels[c] : null)) },
  ]);
}

test('argus train writes a gbst artifact and argus predict scores a file row by row, in order', async () => {
  writeLoans(join(dir, 'a.csv'), 400, 1);
  writeLoans(join(dir, 'b.csv'), 300, 2);
  writeLoans(join(dir, 'leads.csv'), 50, 3);
  const model = join(dir, 'm.json');
  await cli().parseAsync(
    ['train', '--data', `${join(dir, 'a.csv')},${join(dir, 'b.csv')}`, '--model', 'gbst', '--time', 'time', '--event', 'default',
      '--features', 'score,ltv,grade', '--periods', '8', '--period-length', '3', '--rounds', '15', '--max-depth', '3', '--out', model],
    { from: 'user' },
  );
  const artifact = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(artifact.format, 'argus-model');
  assert.equal(artifact.kind, 'gbst');
  assert.equal(artifact.training.rows, 700);
  assert.deepEqual(artifact.features, ['score', 'ltv', 'grade']);
  const out = join(dir, 'p.csv');
  await cli().parseAsync(['predict', '--model', model, '--data', join(dir, 'leads.csv'), '--out', out, '--horizons', '6,12,24', '--keep', 'id'], {
    from: 'user',
  });
  const predicted = loadTable(out);
  assert.equal(predicted.rowCount, 50);
  assert.deepEqual(predicted.columnNames, ['id', 'survival_6', 'survival_12', 'survival_24']);
  const leads = loadTable(join(dir, 'leads.csv'));
  const scorer = loadModel(artifact);
  const fill = scorer.rowFiller(leads);
  const x = new Float64Array(3);
  const ids = predicted.column('id');
  for (let i = 0; i < 50; i++) {
    fill(i, x);
    const s = scorer.survivalAt(x, [6, 12, 24]);
    assert.equal(ids.kind === 'categorical' ? ids.levels[ids.values[i]] : '', `loan-3-${i}`);
    assert.equal(predicted.numeric('survival_12')[i], s[1]);
  }
});

test('argus train --model gbdt with a target, and flags that are not numbers are rejected', async () => {
  writeLoans(join(dir, 'c.csv'), 300, 4);
  const model = join(dir, 'g.json');
  await cli().parseAsync(['train', '--data', join(dir, 'c.csv'), '--model', 'gbdt', '--target', 'default', '--features', 'score,ltv', '--rounds', '5', '--out', model], {
    from: 'user',
  });
  assert.equal(JSON.parse(readFileSync(model, 'utf8')).kind, 'gbdt');
  await assert.rejects(
    cli().parseAsync(['train', '--data', join(dir, 'c.csv'), '--model', 'gbdt', '--target', 'default', '--features', 'score', '--rounds', 'many', '--out', model], { from: 'user' }),
    (e: { code: string }) => e.code === 'CLI_FLAG_INVALID',
  );
  await assert.rejects(
    cli().parseAsync(['train', '--data', join(dir, 'c.csv'), '--model', 'forest', '--features', 'score', '--out', model], { from: 'user' }),
    (e: { code: string }) => e.code === 'LEARN_MODEL_UNKNOWN',
  );
});
