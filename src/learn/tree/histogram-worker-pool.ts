// A process-wide pool of histogram worker threads, one per thread count, started on first use and kept
// (unref'd, so it never holds the process open): starting a worker costs hundreds of milliseconds under a
// TypeScript loader, more than many trainings take. Arrays are shared with the workers by id and forgotten
// when a training closes its builder.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { applyMessage, CONTROL_WORDS, DONE, GENERATION, JOB_WORDS, NEXT_TASK, runTasks, type PoolMessage, type SharedArray, type SharedKind, type SharedState } from './histogram-job.js';
import type { WasmKernels } from './histogram-wasm.js';

export class HistogramWorkerPool {
  readonly job = new Int32Array(new SharedArrayBuffer(JOB_WORDS * 4));
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  /** The main thread's view of every shared array (and wasm kernels per shared memory), by id. */
  private readonly state: SharedState = { arrays: new Map<number, SharedArray>(), kernels: new Map() };
  private nextId = 0;

  constructor(readonly threads: number) {
    const { entry, eval: isEval } = workerEntry();
    for (let w = 1; w < threads; w++) {
      const channel = new MessageChannel();
      this.ports.push(channel.port1);
      const worker = new Worker(entry, {
        eval: isEval,
        workerData: { control: this.control.buffer, job: this.job.buffer, port: channel.port2 },
        transferList: [channel.port2],
        // Test-runner and other process flags of the parent must not carry over.
        execArgv: [],
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Shares an array with the workers; returns its id. */
  share(array: SharedArray): number {
    const id = this.nextId++;
    this.state.arrays.set(id, array);
    this.broadcast({ type: 'share', id, kind: kindOf(array), buffer: array.buffer as SharedArrayBuffer, byteOffset: array.byteOffset, length: array.length });
    return id;
  }

  /** Shares a WebAssembly memory (arrays in it are shared one by one); workers bind kernels to it. Returns its id. */
  shareMemory(memory: WebAssembly.Memory, kernels: WasmKernels): number {
    const id = this.nextId++;
    this.state.kernels.set(id, kernels);
    this.broadcast({ type: 'memory', id, memory });
    return id;
  }

  forget(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const message: PoolMessage = { type: 'forget', ids };
    applyMessage(this.state, message);
    this.broadcast(message);
  }

  /** Runs the job already written to `job` on every thread, this one included, and waits for all. */
  run(): void {
    Atomics.store(this.control, NEXT_TASK, 0);
    Atomics.store(this.control, DONE, 0);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    runTasks(this.control, this.job, this.state);
    for (let d = Atomics.load(this.control, DONE); d < this.workers.length; d = Atomics.load(this.control, DONE)) {
      Atomics.wait(this.control, DONE, d);
    }
  }

  private broadcast(message: PoolMessage): void {
    for (const p of this.ports) p.postMessage(message);
  }
}

const pools = new Map<number, HistogramWorkerPool>();

export function workerPool(threads: number): HistogramWorkerPool {
  let pool = pools.get(threads);
  if (!pool) {
    pool = new HistogramWorkerPool(threads);
    pools.set(threads, pool);
  }
  return pool;
}

function kindOf(a: SharedArray): SharedKind {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  return 'u8';
}

/**
 * Workers run this module's sibling: compiled JavaScript directly, or TypeScript (tests, tsx) through a small
 * bootstrap that registers tsx inside the worker first (a worker does not inherit the parent's loader hooks).
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./histogram-worker.js', import.meta.url), eval: false };
  const url = new URL('./histogram-worker.ts', import.meta.url).href;
  return { entry: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`, eval: true };
}
