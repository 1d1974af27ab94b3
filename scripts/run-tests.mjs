#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (Node 20's --test takes no globs, so we list them).
// Usage: npm test [-- substring ...]   (substrings narrow the files that run)
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(root, path));
  }
}
for (const dir of ['src', 'test']) {
  try { walk(join(root, dir)); } catch { /* folder may not exist yet */ }
}
const chosen = files.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (chosen.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...chosen],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ARGUS_LOG: process.env.ARGUS_LOG ?? 'silent' } },
);
process.exit(result.status ?? 1);
