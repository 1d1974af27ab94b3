// Runs the benchmark peers (Debian python3-xgboost / python3-sklearn, R survival / gbm / ranger) as child processes:
// installs missing packages once, runs a script alone with the thread count pinned, and reads back its predictions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEER_DIR = dirname(fileURLToPath(import.meta.url));
/** Debian packages import only under the system interpreter, not a python3 earlier on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const PEER_PACKAGES = ['python3-xgboost', 'python3-sklearn', 'python3-scipy', 'r-cran-survival', 'r-cran-gbm', 'r-cran-ranger'];

/** apt-get installs whatever dpkg does not already have; a no-op when all are present. */
export function ensurePeerPackages(log: (line: string) => void, packages: readonly string[] = PEER_PACKAGES): void {
  const missing = packages.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  log(`installing peers: ${missing.join(' ')}`);
  const run = (args: string[]) => {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (status ${r.status})`);
  };
  run(['update']);
  run(['install', '-y', '--no-install-recommends', ...missing]);
}

export interface PeerRun {
  readonly trainSeconds: number;
  /** Prediction columns by header name. */
  readonly columns: ReadonlyMap<string, Float64Array>;
}

/** Runs `command args` with `threads` pinned for OpenMP/BLAS; the script prints {"train_seconds": s} last. */
export function runPeer(command: string, args: readonly string[], outCsv: string, threads: number): PeerRun {
  const threadEnv = { OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...threadEnv }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args[0]} ${args[1] ?? ''} failed: ${(r.stderr || r.stdout || String(r.error)).trim().slice(-800)}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const trainSeconds = (JSON.parse(last) as { train_seconds: number }).train_seconds;
  return { trainSeconds, columns: readNumericCsv(outCsv) };
}

export function peerScript(name: string): string {
  return join(PEER_DIR, name);
}

/** A CSV of numbers with a header line (the peers' prediction files). */
export function readNumericCsv(path: string): Map<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const names = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const columns = names.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    for (let c = 0; c < names.length; c++) columns[c][i - 1] = cells[c] === 'NA' ? NaN : Number(cells[c]);
  }
  return new Map(names.map((n, c) => [n, columns[c]]));
}
