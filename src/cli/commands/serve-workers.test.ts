import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { application } from '../../../test/support/sample-events.js';
import { startCli } from '../../../test/support/cli-process.js';

/** A request (GET, or POST with a body) on a connection of its own, so that the cluster hands each to the next worker. */
async function call(base: string, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; json: Record<string, any> }> {
  const res = await fetch(base + path, {
    method,
    headers: { connection: 'close', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A connection handed to a worker as it is killed is never answered.
    signal: AbortSignal.timeout(2000),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

/** Reads a device feature four times (so from both workers) until every read is `expected`; returns the last reads. */
async function settledReads(base: string, feature: string, expected: number | undefined): Promise<unknown[]> {
  let reads: unknown[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    reads = [];
    for (let i = 0; i < 4; i++) reads.push((await call(base, '/v1/features/device/dev-shared')).json.values[feature]);
    if (reads.every((c) => c === expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return reads;
}

test('argus serve --workers 2: two processes answer on one port, each sees what the other appended and the feature sets it created or deleted, a dead worker is replaced, and all stop on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-workers-'));
  const port = 20_000 + Math.floor(Math.random() * 5000);
  const base = `http://127.0.0.1:${port}`;
  const primary = startCli(['serve', '--workers', '2', '--port', String(port), '--data', dir]);
  try {
    await primary.waitFor('worker processes');
    const pids = new Set<number>();
    for (let i = 0; i < 8; i++) pids.add((await call(base, '/health')).json.pid);
    assert.equal(pids.size, 2, 'connections are spread over both workers');

    // Six applications from one device, each on its own connection: each worker appends some of them.
    const now = Date.now();
    for (let n = 1; n <= 6; n++) {
      const raw = application(n);
      const data = { ...(raw.data as Record<string, unknown>), device: { fingerprint: 'dev-shared', ip: `203.0.113.${n}`, os: 'android' } };
      const res = await call(base, '/v1/events', { ...raw, time: new Date(now - (7 - n) * 1000).toISOString(), data });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      assert.equal(res.json.appended, 1);
    }
    // Every worker counts all six (each follows the shared log within milliseconds).
    assert.deepEqual(await settledReads(base, 'device.applications.1h', 6), [6, 6, 6, 6]);

    // A feature set created through one worker is computed by the other too (it re-reads the specs every second and
    // builds the new set from the log).
    const spec = {
      name: 'shared-test', description: 'created through one worker',
      features: [{ name: 'device.apps.2h', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '2h' }],
    };
    assert.equal((await call(base, '/v1/feature-sets', spec)).status, 201);
    assert.deepEqual(await settledReads(base, 'device.apps.2h', 6), [6, 6, 6, 6]);
    // And one deleted through one worker is dropped by the other.
    const deleted = await call(base, '/v1/feature-sets/shared-test', undefined, 'DELETE');
    assert.equal(deleted.status, 204);
    assert.deepEqual(await settledReads(base, 'device.apps.2h', undefined), [undefined, undefined, undefined, undefined]);

    // A worker that dies is replaced; the survivor keeps serving meanwhile.
    const victim = [...pids][0];
    process.kill(victim, 'SIGKILL');
    let now2 = new Set<number>();
    for (let attempt = 0; attempt < 100; attempt++) {
      now2 = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const health = await call(base, '/health').catch(() => null);
        if (health) now2.add(health.json.pid);
      }
      if (now2.size === 2 && !now2.has(victim)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(now2.size, 2, `two workers serve again: ${[...now2]}`);
    assert.ok(!now2.has(victim));
    assert.deepEqual(await settledReads(base, 'device.applications.1h', 6), [6, 6, 6, 6], 'the replacement rebuilt its state from the log');
  } finally {
    primary.child.kill('SIGTERM');
    assert.equal(await primary.exited, 0, primary.output());
    rmSync(dir, { recursive: true, force: true });
  }
});

test('argus serve --workers 2 on a port already taken exits with an error instead of waiting for ever', async () => {
  const { createServer } = await import('node:http');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'argus-workers-'));
  try {
    const primary = startCli(['serve', '--workers', '2', '--port', String(port), '--data', dir]);
    const timer = setTimeout(() => primary.child.kill('SIGKILL'), 60_000);
    const code = await primary.exited;
    clearTimeout(timer);
    assert.equal(code, 1, primary.output());
    assert.match(primary.output(), /EADDRINUSE/);
    assert.match(primary.output(), /exited \(1\) before it served/);
  } finally {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
