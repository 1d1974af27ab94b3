import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventLog } from '../store/index.js';

test('every acknowledged event is in the log after the ingesting process is killed with SIGKILL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-kill-'));
  const path = join(dir, 'events.db');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/durable-ingest-child.ts', path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ranges: [number, number][] = [];
    let acknowledged = 0;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('ACK ')) continue;
          const [first, last] = line.slice(4).split(' ').map(Number);
          ranges.push([first, last]);
          acknowledged += last - first + 1;
        }
        if (acknowledged >= 2000) child.kill('SIGKILL');
      });
    });
    assert.equal(child.signalCode, 'SIGKILL');
    assert.ok(acknowledged >= 2000);

    const log = new SqliteEventLog(path);
    const ids = new Set<string>();
    for await (const stored of log.read(0)) ids.add(stored.event.id);
    await log.close();
    for (const [first, last] of ranges) {
      for (let n = first; n <= last; n++) assert.ok(ids.has(`evt-app-${n}`), `acknowledged event ${n} lost`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
