// Histogram building on worker threads (node:worker_threads) over SharedArrayBuffers. The main thread and
// threads − 1 workers take tasks (node × feature group × output block) from a shared counter; a task is the
// serial kernel on its own cells, so results are bit-identical to the serial builder for any thread count.
// Small batches run on the main thread alone: waking workers costs tens of microseconds.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import { binStarts, type GradientView, type HistogramBuilder, type HistogramRequest } from './histogram-builder.js';
import { buildHistogramPart, featureGroups, type KernelInput } from './histogram-kernels.js';
import { CONTROL_WORDS, DONE, GENERATION, JOB_WORDS, NEXT_TASK, runTasks, STOP, writeJob, type SharedArrayMessage, type Task } from './histogram-job.js';

/** Below this many row × feature × output visits a batch is built on the main thread. */
const PARALLEL_MIN_WORK = 200_000;

type Shared = Float64Array | Float32Array | Int32Array;

export class ParallelHistogramBuilder implements HistogramBuilder {
  private readonly workers: Worker[] = [];
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly job = new Int32Array(new SharedArrayBuffer(JOB_WORDS * 4));
  /** One port per worker: port to the first worker, extraPorts to the others (each array is posted to all). */
  private readonly port: MessagePort;
  private readonly extraPorts: MessagePort[] = [];
  private readonly ids = new Map<Shared, number>();
  private readonly arrays = new Map<number, Shared>();
  private readonly activeCopies = new WeakMap<Int32Array, Int32Array>();
  private readonly blockCache = new WeakMap<Int32Array, Map<number, number[]>>();
  private readonly binStart: Int32Array;
  private readonly view: { bins: BinnedDataset['bins']; featureCount: number; binStart: Int32Array; binCounts: Int32Array };
  private nextId = 0;

  constructor(data: BinnedDataset, private readonly threads: number) {
    this.binStart = binStarts(data).binStart;
    const bins = data.bins.buffer instanceof SharedArrayBuffer ? data.bins : copyToShared(data.bins);
    this.view = { bins, featureCount: data.featureCount, binStart: this.binStart, binCounts: data.binCounts };
    const channel = new MessageChannel();
    this.port = channel.port1;
    const ports = [channel.port2];
    for (let w = 1; w < threads - 1; w++) {
      const c = new MessageChannel();
      ports.push(c.port2);
      this.extraPorts.push(c.port1);
    }
    ports.forEach((port) => {
      const { entry, eval: isEval } = workerEntry();
      const worker = new Worker(entry, {
        eval: isEval,
        workerData: {
          control: this.control.buffer,
          job: this.job.buffer,
          bins: bins.buffer,
          wideBins: bins instanceof Uint16Array,
          featureCount: data.featureCount,
          binStart: this.binStart,
          binCounts: data.binCounts,
          port,
        },
        transferList: [port],
        // Test-runner and other process flags of the parent must not carry over.
        execArgv: [],
      });
      worker.unref();
      this.workers.push(worker);
    });
  }

  build(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, features: Int32Array): void {
    const groups = featureGroups(features);
    const blocks = this.outputBlocks(grad);
    let work = 0;
    for (const r of requests) work += (r.end - r.begin) * features.length * grad.width;
    const ghId = this.ids.get(grad.gh);
    const rowsId = this.ids.get(rows);
    if (work < PARALLEL_MIN_WORK || ghId === undefined || rowsId === undefined) return this.buildHere(requests, grad, rows, groups, blocks);
    const tasks: Task[] = [];
    for (const r of requests) {
      const histId = this.ids.get(r.hist);
      if (histId === undefined) return this.buildHere(requests, grad, rows, groups, blocks);
      groups.forEach((_, g) => {
        for (let b = 0; b + 1 < blocks.length; b++) tasks.push({ begin: r.begin, end: r.end, histId, group: g, k0: blocks[b], k1: blocks[b + 1] });
      });
    }
    const activeId = grad.active ? this.ids.get(this.sharedActive(grad.active))! : -1;
    if (!writeJob(this.job, { width: grad.width, stride: grad.stride, offset: grad.offset, ghId, rowsId, activeId }, groups, tasks)) {
      return this.buildHere(requests, grad, rows, groups, blocks);
    }
    Atomics.store(this.control, NEXT_TASK, 0);
    Atomics.store(this.control, DONE, 0);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    runTasks(this.control, this.job, this.view, this.arrays);
    for (let d = Atomics.load(this.control, DONE); d < this.workers.length; d = Atomics.load(this.control, DONE)) {
      Atomics.wait(this.control, DONE, d);
    }
  }

  allocateHistogram(length: number): Float64Array {
    return this.share(new Float64Array(new SharedArrayBuffer(length * 8)), 'f64');
  }

  allocateGradients(length: number): Float32Array {
    return this.share(new Float32Array(new SharedArrayBuffer(length * 4)), 'f32');
  }

  allocateRows(length: number): Int32Array {
    return this.share(new Int32Array(new SharedArrayBuffer(length * 4)), 'i32');
  }

  close(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    for (const w of this.workers) void w.terminate();
    this.port.close();
    for (const p of this.extraPorts) p.close();
  }

  private buildHere(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, groups: number[][], blocks: number[]): void {
    const input: KernelInput = { ...this.view, rows, gh: grad.gh, stride: grad.stride, offset: grad.offset, width: grad.width, active: grad.active };
    for (const r of requests) {
      for (const g of groups) for (let b = 0; b + 1 < blocks.length; b++) buildHistogramPart(input, r.hist, r.begin, r.end, [g], blocks[b], blocks[b + 1]);
    }
  }

  /** Output boundaries splitting the work into `threads` blocks of about equal at-risk mass. */
  private outputBlocks(grad: GradientView): number[] {
    if (grad.width === 1) return [0, 1];
    const parts = Math.min(this.threads, grad.width);
    if (!grad.active) return Array.from({ length: parts + 1 }, (_, b) => Math.round((b * grad.width) / parts));
    let cache = this.blockCache.get(grad.active);
    if (!cache) {
      cache = new Map();
      this.blockCache.set(grad.active, cache);
    }
    let blocks = cache.get(grad.width);
    if (!blocks) {
      const mass = new Float64Array(grad.width);
      for (let i = 0; i < grad.active.length; i++) for (let k = 0; k < Math.min(grad.active[i], grad.width); k++) mass[k]++;
      const total = mass.reduce((a, b) => a + b, 0);
      blocks = [0];
      let acc = 0;
      for (let k = 0; k < grad.width && blocks.length < parts; k++) {
        acc += mass[k];
        if (acc >= (total * blocks.length) / parts) blocks.push(k + 1);
      }
      if (blocks[blocks.length - 1] !== grad.width) blocks.push(grad.width);
      cache.set(grad.width, blocks);
    }
    return blocks;
  }

  private sharedActive(active: Int32Array): Int32Array {
    let copy = this.activeCopies.get(active);
    if (!copy) {
      copy = this.share(new Int32Array(new SharedArrayBuffer(active.length * 4)), 'i32');
      copy.set(active);
      this.activeCopies.set(active, copy);
    }
    return copy;
  }

  private share<T extends Shared>(array: T, kind: SharedArrayMessage['kind']): T {
    const id = this.nextId++;
    this.ids.set(array, id);
    this.arrays.set(id, array);
    const message: SharedArrayMessage = { id, kind, buffer: array.buffer as SharedArrayBuffer };
    this.port.postMessage(message);
    for (const p of this.extraPorts) p.postMessage(message);
    return array;
  }
}

function copyToShared(bins: BinnedDataset['bins']): BinnedDataset['bins'] {
  const copy = bins instanceof Uint16Array ? new Uint16Array(new SharedArrayBuffer(bins.byteLength)) : new Uint8Array(new SharedArrayBuffer(bins.byteLength));
  copy.set(bins);
  return copy;
}

/**
 * The worker runs this module's sibling: compiled JavaScript directly, or TypeScript (tests, tsx) through a
 * small bootstrap that registers tsx inside the worker first (a worker does not inherit the parent's hooks).
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./histogram-worker.js', import.meta.url), eval: false };
  const url = new URL('./histogram-worker.ts', import.meta.url).href;
  return { entry: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`, eval: true };
}
