import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { application } from '../../../test/support/sample-events.js';
import { startCli } from '../../../test/support/cli-process.js';

async function deviceApplications(base: string, device: string): Promise<unknown> {
  const res = await fetch(`${base}/v1/features/device/${device}`, { signal: AbortSignal.timeout(2000) });
  assert.equal(res.status, 200);
  return ((await res.json()) as { values: Record<string, unknown> }).values['device.applications.1h'];
}

test('argus serve (one process) sees what another process appended to its data folder, without a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-serve-follow-'));
  const port = 25_000 + Math.floor(Math.random() * 5000);
  const base = `http://127.0.0.1:${port}`;
  const server = startCli(['serve', '--port', String(port), '--data', dir]);
  try {
    await server.waitFor('argus serving');
    assert.equal(await deviceApplications(base, 'dev-cli'), 0, 'nothing known of the device yet');

    // Three applications from one device, appended by `argus ingest` — a process of its own — while the server runs.
    const now = Date.now();
    const lines = [1, 2, 3].map((n) => {
      const raw = application(n);
      const data = { ...(raw.data as Record<string, unknown>), device: { fingerprint: 'dev-cli', ip: `203.0.113.${n}`, os: 'android' } };
      return JSON.stringify({ ...raw, time: new Date(now - (4 - n) * 1000).toISOString(), data });
    });
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const ingest = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file, '--data', dir], { encoding: 'utf8' });
    assert.equal(ingest.status, 0, ingest.stderr);
    assert.match(ingest.stdout + ingest.stderr, /3 appended/);

    let count: unknown;
    for (let attempt = 0; attempt < 50 && count !== 3; attempt++) {
      count = await deviceApplications(base, 'dev-cli');
      if (count !== 3) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(count, 3, 'the running server counts the applications another process appended');
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output());
    rmSync(dir, { recursive: true, force: true });
  }
});
