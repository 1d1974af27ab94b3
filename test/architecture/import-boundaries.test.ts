// Holds the code to docs/architecture.md's import table: a folder imports only the index.ts of folders it may use,
// so data flows one way and prediction never pulls in training code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve('src');

/** folder -> folders it may import (through their index.ts). Keep in step with docs/architecture.md. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  charts: [],
  stats: ['core'],
  expression: ['core'],
  store: ['core'],
  model: ['core'],
  ingest: ['core', 'store'],
  simulate: ['core', 'ingest'],
  learn: ['core', 'model', 'stats', 'charts'],
  features: ['core', 'store', 'ingest', 'expression', 'stats'],
  graph: ['core', 'store', 'ingest', 'stats'],
  decision: ['core', 'store', 'ingest', 'expression', 'model', 'charts'],
  audit: ['core', 'store', 'ingest', 'decision'],
  api: ['core', 'store', 'ingest', 'expression', 'model', 'features', 'graph', 'decision', 'audit', 'stats', 'charts'],
  app: ['core', 'store', 'ingest', 'expression', 'model', 'features', 'graph', 'decision', 'audit', 'stats', 'charts', 'api', 'simulate'],
  cli: ['core', 'store', 'ingest', 'expression', 'model', 'features', 'graph', 'decision', 'audit', 'stats', 'charts', 'api', 'app', 'simulate', 'learn'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

test('every folder under src/ imports only the index.ts of folders it may use', () => {
  const problems: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file).split('/')[0];
    const allowed = ALLOWED[from];
    if (!allowed) {
      problems.push(`${relative(SRC, file)}: folder "${from}" is not in the import table`);
      continue;
    }
    const isTest = file.endsWith('.test.ts') || file.includes('/testing/') || file.includes('test-support');
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]);
      if (!target.startsWith(SRC + '/')) continue; // test/ support files
      const rel = relative(SRC, target);
      const to = rel.split('/')[0];
      if (to === from) continue;
      if (!allowed.includes(to) && !isTest) problems.push(`${relative(SRC, file)} imports ${to} (not allowed)`);
      if (rel !== `${to}/index.js` && !isTest) problems.push(`${relative(SRC, file)} reaches past ${to}/index.ts into ${rel}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the model scorer (the hot path) never loads training code', () => {
  for (const file of sourceFiles(join(SRC, 'model'))) {
    const text = readFileSync(file, 'utf8');
    assert.ok(!/from\s+['"][^'"]*\/learn\//.test(text), `${file} imports learn`);
  }
});
