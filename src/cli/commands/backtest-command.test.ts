import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openArgus } from '../../app/index.js';
import { DEMO_CHALLENGER, DEMO_SLOT, installDemoDecisions } from '../../decision/index.js';
import { application } from '../../../test/support/sample-events.js';
import { registerBacktestCommand } from './backtest-command.js';
import { runCommand } from '../testing/run-command.js';

const run = async (args: string[]): Promise<string> => (await runCommand([registerBacktestCommand], args)).join('\n');

test('argus backtest --json prints nothing but the report on stdout, and --html writes the page with charts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-backtest-cli-'));
  try {
    const app = await openArgus(loadConfig({ data: dir }, {}));
    installDemoDecisions(app.decision.catalog, app.decision.models, 'default', Date.now());
    await app.services.ingestor.ingestRecords('default', Array.from({ length: 30 }, (_, i) => application(i + 1)));
    await app.close();
    const html = join(dir, 'backtest.html');
    const stdout = await run(['backtest', '--data', dir, '--flow', DEMO_SLOT, '--vs', DEMO_CHALLENGER, '--json', '--html', html]);
    const report = JSON.parse(stdout);
    assert.equal(report.applications, 30);
    assert.deepEqual(report.columns.map((c: { flow: { id: string } }) => c.flow.id), [DEMO_SLOT, DEMO_CHALLENGER]);
    const page = readFileSync(html, 'utf8');
    assert.ok(page.startsWith('<!doctype html>') && page.includes(`${DEMO_SLOT}@1`) && page.includes(`${DEMO_CHALLENGER}@1`));
    assert.ok((page.match(/<svg /g) ?? []).length >= 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
