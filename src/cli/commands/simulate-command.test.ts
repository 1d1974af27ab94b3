import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { generateWorld } from '../../simulate/index.js';
import { registerSimulateCommand } from './simulate-command.js';

test('argus simulate writes events, truth and summary, reading a digits-only seed as a number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-simulate-cli-'));
  try {
    const program = new Command('argus').exitOverride();
    registerSimulateCommand(program);
    const log = console.log;
    const lines: string[] = [];
    console.log = (line: string) => lines.push(line);
    try {
      await program.parseAsync(['simulate', '--applicants', '120', '--seed', '7', '--months', '6', '--out', dir], { from: 'user' });
    } finally {
      console.log = log;
    }
    for (const file of ['events.ndjson', 'truth.ndjson', 'summary.json']) assert.ok(existsSync(join(dir, file)), file);
    const firstLine = readFileSync(join(dir, 'events.ndjson'), 'utf8').split('\n')[0];
    const [first] = generateWorld({ applicants: 120, seed: 7, months: 6 });
    assert.deepEqual(JSON.parse(firstLine), first.kind === 'event' ? first.event : null);
    assert.match(lines.at(-1) ?? '', /^simulated 120 applicants in .* \d+ events, \d+ loans, \d+ defaults, \d+ rings/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('argus simulate rejects a non-numeric applicant count with SIMULATE_OPTIONS_INVALID', async () => {
  const program = new Command('argus').exitOverride();
  registerSimulateCommand(program);
  await assert.rejects(
    program.parseAsync(['simulate', '--applicants', 'many', '--seed', '1', '--out', '/nonexistent'], { from: 'user' }),
    (err: { code?: string }) => err.code === 'SIMULATE_OPTIONS_INVALID',
  );
});
