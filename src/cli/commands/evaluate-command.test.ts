import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Random } from '../../core/index.js';
import { evaluateModel, loadModelFile, loadTable } from '../../learn/index.js';
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

test('argus evaluate reads the model\'s categorical features as categories (zip codes with leading zeros)', async () => {
  const r = new Random('evaluate-categorical');
  const zips = ['02134', '02139', '10001', '00501'];
  const lines = ['zip,x,bad'];
  for (let i = 0; i < 600; i++) {
    const zip = r.int(zips.length);
    lines.push(`${zips[zip]},${i % 7},${r.chance(zip % 2 === 0 ? 0.35 : 0.08) ? 1 : 0}`);
  }
  const data = join(dir, 'zip.csv');
  writeFileSync(data, lines.join('\n') + '\n');
  const model = join(dir, 'zip.json');
  await runCommand(commands, ['train', '--data', data, '--model', 'gbdt', '--target', 'bad', '--features', 'zip,x', '--categorical', 'zip', '--rounds', '10', '--max-depth', '2', '--out', model]);
  const json = join(dir, 'zip-metrics.json');
  await runCommand(commands, ['evaluate', '--model', model, '--data', data, '--target', 'bad', '--json', json]);
  const expected = evaluateModel(loadModelFile(model), loadTable(data, { categorical: ['zip'] }), { target: 'bad' });
  assert.equal(metric(json, 'AUC'), expected.metrics.find((m) => m.metric === 'AUC')!.value);
  assert.ok(metric(json, 'AUC') > 0.65);
});
