import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openArgus } from '../../app/index.js';
import { SqliteEventLog } from '../../store/index.js';
import { application } from '../../../test/support/sample-events.js';
import { registerGraphCommand } from './graph-command.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]): Promise<string[]> => runCommand([registerGraphCommand], args);

test('argus graph build, stats, propagate (with a labels file) and communities on a data folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-cli-'));
  try {
    const app = await openArgus(loadConfig({ data: dir }, {}));
    await app.services.ingestor.ingestRecords('default', Array.from({ length: 12 }, (_, i) => application(i + 1)));
    await app.close();

    const build = await run(['graph', 'build', '--data', dir]);
    assert.match(build.at(-1) ?? '', /^graph default: \d+ nodes, \d+ edges \(log offset 12\)/);
    assert.ok(existsSync(join(dir, 'graph', 'default.graph')));

    const stats = JSON.parse((await run(['graph', 'stats', '--data', dir, '--json'])).join('\n'));
    assert.equal(stats.nodesByType.person, 12);
    assert.equal(stats.batch, null);

    writeFileSync(join(dir, 'labels.csv'), 'entityType,key,label\nperson,110101199003071001,fraud\n');
    const propagate = await run(['graph', 'propagate', '--data', dir, '--labels', join(dir, 'labels.csv')]);
    assert.equal(propagate[0], `labels: 1 logged (0 already in the log) from ${join(dir, 'labels.csv')}`);
    assert.match(propagate.at(-1) ?? '', /^graph risk score over \d+ nodes: p10 .* \(seeds: 1 bad, 0 good/);
    const again = await run(['graph', 'propagate', '--data', dir, '--labels', join(dir, 'labels.csv')]);
    assert.equal(again[0], `labels: 0 logged (1 already in the log) from ${join(dir, 'labels.csv')}`);

    // A key the log refuses (an employer name over 256 characters) is counted and named, and the exit code says so;
    // the rest is logged.
    writeFileSync(join(dir, 'bad-labels.csv'), `entityType,key,label\nemployer,${'x'.repeat(300)},fraud\nphone,13800001111,blacklisted\n`);
    const exitCode = process.exitCode;
    const mixed = await run(['graph', 'propagate', '--data', dir, '--labels', join(dir, 'bad-labels.csv')]);
    assert.equal(mixed[0], `labels: 1 logged (0 already in the log, 1 refused) from ${join(dir, 'bad-labels.csv')}`);
    assert.equal(process.exitCode, 1);
    process.exitCode = exitCode;

    const after = JSON.parse((await run(['graph', 'stats', '--data', dir, '--json'])).join('\n'));
    assert.equal(after.labelledPersons.fraud, 1, 'labels and the batch survive a restart (snapshot)');
    assert.ok(after.batch.communities >= 1);
    // The label is in the log, hashed: a graph rebuilt from the log alone has it too.
    const log = new SqliteEventLog(join(dir, 'events.db'));
    const labelled = [...log.readSync(0, { types: ['graph.labelled'] })];
    await log.close();
    assert.equal(labelled.length, 2);
    assert.match(JSON.stringify(labelled[0].event.data), /"key":"h:[A-Za-z0-9_-]+"/);
    assert.ok(!JSON.stringify(labelled).includes('110101199003071001') && !JSON.stringify(labelled).includes('13800001111'), 'no raw identifier at rest');
    rmSync(join(dir, 'graph'), { recursive: true, force: true });
    const rebuilt = JSON.parse((await run(['graph', 'stats', '--data', dir, '--json'])).join('\n'));
    assert.equal(rebuilt.labelledPersons.fraud, 1, 'rebuilt from the log without a snapshot');

    const communities = await run(['graph', 'communities', '--data', dir]);
    assert.match(communities[0], /^batch: /);
    assert.equal(communities[1], 'community  persons  bad  bad rate');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
