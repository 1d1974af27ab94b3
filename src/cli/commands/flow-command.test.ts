import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { registerFlowCommand } from './flow-command.js';
import { runCommand } from '../testing/run-command.js';

const run = async (args: string[]): Promise<string> => (await runCommand([registerFlowCommand], args)).join('\n');

const FIXTURE = new URL('../../../test/fixtures/flows/small-loans.yaml', import.meta.url);
const FLOW = readFileSync(FIXTURE, 'utf8');

test('argus flow validate / save / show / release / rollback work on YAML files, and an invalid flow exits 2 with every problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-flow-cli-'));
  const exitCode = process.exitCode;
  try {
    const file = join(dir, 'small-loans.yaml');
    writeFileSync(file, FLOW);
    assert.equal(await run(['flow', 'validate', file, '--data', dir]), `${file}: valid`);
    assert.equal(process.exitCode, exitCode);
    assert.equal(await run(['flow', 'save', file, '--data', dir]), 'saved small-loans@1');
    assert.equal(await run(['flow', 'save', file, '--data', dir]), 'saved small-loans@2');
    assert.deepEqual(parse(await run(['flow', 'show', 'small-loans@1', '--yaml', '--data', dir])), parse(FLOW));
    assert.equal(JSON.parse(await run(['flow', 'show', 'small-loans', '--data', dir])).id, 'small-loans');

    // Releases from the command line: a champion with a shadow, a challenger, and back.
    assert.match(await run(['flow', 'release', 'small-loans', '--champion', '2', '--shadow', 'small-loans@1', '--note', 'ci', '--data', dir]),
      /^released rel_\w+ on small-loans: champion small-loans@2, shadow small-loans@1$/);
    assert.match(await run(['flow', 'release', 'small-loans', '--champion', 'small-loans@1', '--challenger', 'small-loans@2=12.5', '--data', dir]),
      /: champion small-loans@1, challenger small-loans@2 12\.5%$/);
    assert.match(await run(['flow', 'rollback', 'small-loans', '--data', dir]), /: champion small-loans@2$/);
    await assert.rejects(run(['flow', 'release', 'small-loans', '--champion', '1', '--challenger', 'small-loans@2', '--data', dir]),
      (e: { code?: string }) => e.code === 'CLI_FLAG_INVALID');
    await assert.rejects(run(['flow', 'release', 'small-loans', '--champion', '1', '--challenger', 'small-loans@2=0.001', '--data', dir]),
      (e: { code?: string }) => e.code === 'DECISION_RELEASE_INVALID');

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, FLOW.replace('amount > 10000', 'amount > limit').replace('creditLimit: amount', 'creditLimit: ceiling'));
    const report = JSON.parse(await run(['flow', 'validate', bad, '--json', '--data', dir]));
    assert.equal(process.exitCode, 2);
    assert.equal(report.valid, false);
    assert.deepEqual(report.problems.map((p: { code: string; node: string }) => `${p.code}@${p.node}`).sort(),
      ['EXPRESSION_VARIABLE_UNDEFINED@out', 'EXPRESSION_VARIABLE_UNDEFINED@r']);
    await assert.rejects(run(['flow', 'save', bad, '--data', dir]), (e: { code?: string }) => e.code === 'FLOW_INVALID');
  } finally {
    process.exitCode = exitCode;
    rmSync(dir, { recursive: true, force: true });
  }
});
