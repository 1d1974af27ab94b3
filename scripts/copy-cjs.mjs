// Part of `npm run build`: tsc compiles only .ts, so the plain CommonJS files under src/ (writer-thread programs that
// start without a TypeScript loader) are copied next to the compiled output, at the same relative paths.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url).pathname;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.cjs')) continue;
  const from = join(entry.parentPath ?? entry.path, entry.name);
  cpSync(from, join(dist, relative(src, from)));
}
