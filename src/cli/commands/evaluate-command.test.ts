import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Random } from '../../core/index.js';
import { evaluateModel, loadModelFile, loadTable, scoreBinary } from '../../learn/index.js';
import { psiOfSamples } from '../../stats/index.js';
import { runCommand } from '../testing/run-command.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerTrainCommand } from './train-command.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-evaluate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const commands = [registerTrainCommand, registerEvaluateCommand];

interface Metrics {
  metrics: { metric: string; value: number }[];
}

function metric(json: string, name: string): number {
  const row = (JSON.parse(readFileSync(json, 'utf8')) as Metrics).metrics.find((m) => m.metric === name);
  assert.ok(row, `no metric ${name}`);
  return row.value;
}

/** Applicants with a zip code (leading zeros) that drives the target; `shift` moves the mix towards the risky zips. */
function writeZipData(path: string, rows: number, seed: string, shift = 0): void {
  const r = new Random(seed);
  const zips = ['02134', '02139', '10001', '00501'];
  const lines = ['zip,x,bad'];
  for (let i = 0; i < rows; i++) {
    const zip = r.chance(shift) ? 0 : r.int(zips.length);
    lines.push(`${zips[zip]},${i % 7},${r.chance(zip % 2 === 0 ? 0.35 : 0.08) ? 1 : 0}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test('argus evaluate reads the model\'s categorical features as categories (zip codes with leading zeros)', async () => {
  const data = join(dir, 'zip.csv');
  writeZipData(data, 600, 'evaluate-categorical');
  const model = join(dir, 'zip.json');
  await runCommand(commands, ['train', '--data', data, '--model', 'gbdt', '--target', 'bad', '--features', 'zip,x', '--categorical', 'zip', '--rounds', '10', '--max-depth', '2', '--out', model]);
  const json = join(dir, 'zip-metrics.json');
  await runCommand(commands, ['evaluate', '--model', model, '--data', data, '--target', 'bad', '--json', json]);
  const expected = evaluateModel(loadModelFile(model), loadTable(data, { categorical: ['zip'] }), { target: 'bad' });
  assert.equal(metric(json, 'AUC'), expected.metrics.find((m) => m.metric === 'AUC')!.value);
  assert.ok(metric(json, 'AUC') > 0.65);
});

test('argus evaluate --train-data reports the score PSI (training scores vs evaluated scores) in the table, JSON and HTML', async () => {
  const train = join(dir, 'psi-train.csv');
  const recent = join(dir, 'psi-recent.csv');
  writeZipData(train, 600, 'psi-train');
  writeZipData(recent, 400, 'psi-recent', 0.6);
  const model = join(dir, 'psi.json');
  await runCommand(commands, ['train', '--data', train, '--model', 'gbdt', '--target', 'bad', '--features', 'zip,x', '--categorical', 'zip', '--rounds', '10', '--max-depth', '2', '--out', model]);
  const json = join(dir, 'psi-metrics.json');
  const html = join(dir, 'psi.html');
  const printed = await runCommand(commands, ['evaluate', '--model', model, '--data', recent, '--target', 'bad', '--train-data', train, '--json', json, '--report', html]);
  const scorer = loadModelFile(model);
  const expected = psiOfSamples(scoreBinary(scorer, loadTable(train, { categorical: ['zip'] })), scoreBinary(scorer, loadTable(recent, { categorical: ['zip'] })));
  assert.equal(metric(json, 'Score PSI'), expected);
  assert.ok(expected > 0.1, `the recent mix moved towards one zip: PSI ${expected}`);
  assert.ok(printed.some((line) => /^Score PSI\s+0\.\d{4}/m.test(line)));
  assert.ok(readFileSync(html, 'utf8').includes('<td>Score PSI</td>'));
  // Without training data there is no baseline and no PSI row.
  await runCommand(commands, ['evaluate', '--model', model, '--data', recent, '--target', 'bad', '--json', json]);
  assert.ok(!(JSON.parse(readFileSync(json, 'utf8')) as Metrics).metrics.some((m) => m.metric === 'Score PSI'));
});
