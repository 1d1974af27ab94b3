import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { loadTable, writeCsv } from '../../learn/index.js';
import { simulateLoans } from '../../learn/testing/simulated-loans.js';
import { loadModel } from '../../model/index.js';
import { runCommand } from '../testing/run-command.js';
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

test('argus train --model scorecard: a good/bad target with --event-level, binning and points-scaling flags; iterations, not rounds', async () => {
  const { table } = simulateLoans({ rows: 1500, periods: 8, seed: 9 });
  const path = join(dir, 'credit.csv');
  writeCsv(path, [
    ...['score', 'ltv', 'noise'].map((name) => ({ name, values: table.numeric(name) })),
    { name: 'status', values: Array.from(table.numeric('default'), (d) => (d === 1 ? 'bad' : 'good')) },
  ]);
  const model = join(dir, 'sc.json');
  const printed = await runCommand([registerTrainCommand], ['train', '--data', path, '--model', 'scorecard', '--target', 'status', '--event-level', 'bad',
    '--features', 'score,ltv,noise', '--binning', 'tree', '--max-bins', '4', '--min-bin-share', '0.1', '--min-iv', '0.01',
    '--base-score', '500', '--base-odds', '20', '--pdo', '40', '--round-points', '--out', model]);
  const artifact = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(artifact.kind, 'scorecard');
  assert.deepEqual([artifact.scaling.baseScore, artifact.scaling.baseOdds, artifact.scaling.pdo], [500, 20, 40]);
  assert.deepEqual(artifact.training.params, { binning: 'tree', maxBins: 4, minBinShare: 0.1, fineBins: 20, minIv: 0.01, l2: 1e-4, roundPoints: true, eventLevel: 'bad' });
  for (const v of artifact.variables) {
    assert.ok(v.bins.filter((b: { missing?: boolean }) => !b.missing).length <= 4);
    assert.ok(v.bins.every((b: { points: number }) => Number.isInteger(b.points)));
  }
  assert.ok(artifact.features.includes('score'), 'the riskiest variable is kept');
  const summary = printed.find((l) => l.startsWith('trained scorecard'));
  assert.match(summary ?? '', new RegExp(`: ${artifact.variables.length} of 3 variables, logistic regression in ${artifact.training.iterations} iterations in `));
  assert.doesNotMatch(summary ?? '', /rounds/);
});

test('flags a model would ignore are CLI_FLAG_UNSUPPORTED, all named at once: --weight/--validation/--early-stopping for a scorecard, --event-level for gbdt', async () => {
  writeLoans(join(dir, 'd.csv'), 200, 5);
  const data = join(dir, 'd.csv');
  const base = ['train', '--data', data, '--target', 'default', '--features', 'score,ltv', '--out', join(dir, 'x.json')];
  await assert.rejects(
    runCommand([registerTrainCommand], [...base, '--model', 'scorecard', '--weight', 'ltv', '--validation', data, '--early-stopping', '5', '--rounds', '10']),
    (e: { code: string; details: { flags: string[] } }) =>
      e.code === 'CLI_FLAG_UNSUPPORTED' && e.details.flags.join() === '--weight,--validation,--early-stopping,--rounds',
  );
  await assert.rejects(
    runCommand([registerTrainCommand], [...base, '--model', 'gbdt', '--event-level', 'bad', '--pdo', '20']),
    (e: { code: string; details: { flags: string[] } }) => e.code === 'CLI_FLAG_UNSUPPORTED' && e.details.flags.join() === '--event-level,--pdo',
  );
  await assert.rejects(
    runCommand([registerTrainCommand], [...base, '--model', 'gbdt', '--periods', '4']),
    (e: { code: string }) => e.code === 'CLI_FLAG_UNSUPPORTED',
  );
});
