import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openArgus } from '../../app/index.js';
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
    assert.equal(propagate[0], `labels: 1 changed from ${join(dir, 'labels.csv')}`);
    assert.match(propagate.at(-1) ?? '', /^graph risk score over \d+ nodes: p10 .* \(seeds: 1 bad, 0 good/);

    const after = JSON.parse((await run(['graph', 'stats', '--data', dir, '--json'])).join('\n'));
    assert.equal(after.labelledPersons.fraud, 1, 'labels and the batch survive a restart (snapshot)');
    assert.ok(after.batch.communities >= 1);

    const communities = await run(['graph', 'communities', '--data', dir]);
    assert.match(communities[0], /^batch: /);
    assert.equal(communities[1], 'community  persons  bad  bad rate');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
