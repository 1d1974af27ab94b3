// Benchmark runner: `npm run bench -- NAME [--quick]` loads bench/NAME.bench.ts, runs it in this process, and prints
// its figures as ONE JSON object on the last line (human-readable output comes before it).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(args: { quick: boolean; argv: string[] }): Promise<Record<string, unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const name = argv.find((a) => !a.startsWith('--'));
const quick = argv.includes('--quick');
const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [--quick]\navailable: ${available.sort().join(', ')}`);
  process.exit(2);
}

const file = join(here, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const mod = (await import(pathToFileURL(file).href)) as BenchModule;
const started = Date.now();
const figures = await mod.run({ quick, argv });
const result = { bench: name, quick, ...figures, wall_s: Number(((Date.now() - started) / 1000).toFixed(2)) };
console.log(JSON.stringify(result));
