// argus serve --workers N: N processes (node:cluster) serving one data folder on one port; connections are spread
// over them. Each worker is a whole Argus app in shared mode (shared-log.ts); the first writes the snapshots. The
// primary only supervises: it restarts a worker that dies after it started serving, gives up when one cannot start,
// and stops them all on SIGINT / SIGTERM.
import cluster, { type Worker } from 'node:cluster';
import type { ArgusConfig } from './config.js';
import { loadPiiSecret } from './pii-secret.js';

const SNAPSHOT_WRITER_ENV = 'ARGUS_SNAPSHOT_WRITER';

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker: this process's part (whether it writes the snapshots). */
export function sharedPart(): NonNullable<ArgusConfig['shared']> {
  return { writesSnapshots: process.env[SNAPSHOT_WRITER_ENV] === '1' };
}

/** In a worker, once it listens: tells the primary where. */
export function reportListening(address: string): void {
  process.send?.({ listening: address });
}

/** Runs the primary: forks the workers and resolves with the address once every one of them listens. */
export async function startWorkers(config: ArgusConfig, workers: number): Promise<string> {
  // Generated here, once, before any worker could race to create it (they must all hash alike).
  loadPiiSecret(config.dataDir, config.piiSecret);
  let stopping = false;
  const live = new Set<Worker>();
  // Startup's outcome: every first worker listening, or one exiting before it served.
  let onServing: (worker: Worker, address: string) => void = () => {};
  let failStart: (err: Error) => void = () => {};
  const fork = (writesSnapshots: boolean): Worker => {
    const worker = cluster.fork({ [SNAPSHOT_WRITER_ENV]: writesSnapshots ? '1' : '0' });
    let serving = false;
    live.add(worker);
    worker.on('message', (m: { listening?: string }) => {
      if (!m.listening) return;
      serving = true;
      onServing(worker, m.listening);
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      if (!serving) {
        failStart(new Error(`a worker exited (${signal ?? code}) before it served; see its output above`));
        return;
      }
      console.error(`argus: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork(writesSnapshots);
    });
    return worker;
  };
  const stop = (code: number): void => {
    stopping = true;
    for (const worker of live) worker.process.kill('SIGTERM');
    const exit = (): void => {
      if (live.size === 0) process.exit(code);
      else setTimeout(exit, 20);
    };
    exit();
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const started = new Set(Array.from({ length: workers }, (_, i) => fork(i === 0)));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      failStart = reject;
      const listening = new Set<Worker>();
      onServing = (worker, at) => {
        if (started.has(worker)) listening.add(worker);
        if (listening.size === started.size) resolve(at);
      };
    });
    onServing = () => {};
    failStart = (err) => console.error(`argus: ${err.message}`);
    return address;
  } catch (err) {
    stop(1);
    throw err;
  }
}
