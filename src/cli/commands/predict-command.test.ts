import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Random } from '../../core/index.js';
import { loadTable } from '../../learn/index.js';
import { loadModel } from '../../model/index.js';
import { runCommand } from '../testing/run-command.js';
import { registerPredictCommand } from './predict-command.js';
import { registerTrainCommand } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-predict-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const commands = [registerTrainCommand, registerPredictCommand];

/** Applicants whose zip codes have leading zeros and whose band has a non-integer code; both drive the target. */
function writeApplicants(path: string, rows: number): void {
  const r = new Random('predict-categorical');
  const zips = ['02134', '02139', '10001', '00501'];
  const bands = ['1', '2.5', '3'];
  const lines = ['lead,zip,band,x,bad'];
  for (let i = 0; i < rows; i++) {
    const zip = r.int(zips.length);
    const band = r.int(bands.length);
    const x = (i % 10) / 2;
    const p = 0.05 + 0.2 * (zip === 0 || zip === 3 ? 1 : 0) + 0.15 * band / 2 + 0.02 * x;
    lines.push(`${String(i).padStart(5, '0')},${zips[zip]},${bands[band]},${x.toFixed(2)},${r.chance(p) ? 1 : 0}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test('argus predict reads the model\'s categorical features as categories: the PDs of the loaded model on the training rows', async () => {
  const data = join(dir, 'applicants.csv');
  writeApplicants(data, 800);
  const model = join(dir, 'gbdt.json');
  await runCommand(commands, ['train', '--data', data, '--model', 'gbdt', '--target', 'bad', '--features', 'zip,band,x', '--categorical', 'zip,band',
    '--rounds', '20', '--max-depth', '3', '--out', model]);
  const out = join(dir, 'pd.csv');
  await runCommand(commands, ['predict', '--model', model, '--data', data, '--out', out, '--keep', 'lead,x']);

  const scorer = loadModel(readFileSync(model, 'utf8'));
  const expected = scorer.predictTable(loadTable(data, { categorical: ['zip', 'band'] }))[0].values;
  const predicted = loadTable(out, { text: ['lead', 'x'] });
  assert.deepEqual(predicted.columnNames, ['lead', 'x', 'pd']);
  assert.deepEqual(predicted.numeric('pd'), expected);
  // The model does split on both codes (else reading them as numbers would go unnoticed).
  const splits = JSON.parse(readFileSync(model, 'utf8')).training.importance.filter((f: { splits: number }) => f.splits > 0).map((f: { feature: string }) => f.feature);
  assert.ok(splits.includes('zip') && splits.includes('band'), splits.join());

  // --keep copies cells as written: ids keep their leading zeros, a numeric feature its trailing zeros.
  const text = readFileSync(out, 'utf8').split('\n');
  assert.match(text[1], /^00000,0\.00,0\.\d+/);
  assert.match(text[124], /^00123,1\.50,/);
});
