// Histogram building on worker threads over SharedArrayBuffers. The main thread and threads − 1 pooled workers
// take tasks (node × feature group × output block) from a shared counter; a task is the serial kernel on its
// own cells, so results are bit-identical to the serial builder for any thread count. Small batches run on the
// main thread alone: waking workers costs tens of microseconds.
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import { binStarts, type GradientView, type HistogramBuilder, type HistogramRequest } from './histogram-builder.js';
import { writeJob, type SharedArray, type Task } from './histogram-job.js';
import { buildHistogramPart, featureGroups, type KernelInput } from './histogram-kernels.js';
import { WasmArena } from './histogram-wasm.js';
import { workerPool, type HistogramWorkerPool } from './histogram-worker-pool.js';

/** Below this many row × feature × output visits a batch is built on the main thread. */
const PARALLEL_MIN_WORK = 200_000;
/** Outputs per 64-byte cache line of a histogram bin: a (gradient, hessian) pair of doubles is 16 bytes. */
const LINE_OUTPUTS = 4;

export class ParallelHistogramBuilder implements HistogramBuilder {
  private readonly pool: HistogramWorkerPool;
  private readonly ids = new Map<SharedArray, number>();
  private readonly activeCopies = new WeakMap<Int32Array, Int32Array>();
  private readonly blockCache = new WeakMap<Int32Array, Map<number, number[]>>();
  private readonly view: { bins: BinnedDataset['bins']; featureCount: number; binStart: Int32Array; binCounts: Int32Array };
  private readonly dataIds: { binsId: number; binStartId: number; binCountsId: number };

  /** `speed` decides per batch whether workers are used (default: measured, see ModeSpeed). */
  /** Arrays live in this WebAssembly memory when available: workers share it, this thread runs the SIMD kernels on it. */
  readonly arena: WasmArena | null;
  /** The arena's memory as shared with the workers (−1: none). */
  private readonly memoryId: number;

  constructor(data: BinnedDataset, private readonly threads: number, private readonly speed: WorkerChoice = new ModeSpeed()) {
    this.pool = workerPool(threads);
    this.arena = WasmArena.create();
    this.memoryId = this.arena ? this.pool.shareMemory(this.arena.memory, this.arena.kernels) : -1;
    const bins = this.arena?.copyOf(data.bins) ?? (data.bins.buffer instanceof SharedArrayBuffer ? data.bins : toShared(data.bins));
    const binStart = toShared(binStarts(data).binStart);
    const binCounts = toShared(data.binCounts);
    this.view = { bins, featureCount: data.featureCount, binStart, binCounts };
    this.dataIds = { binsId: this.share(bins), binStartId: this.share(binStart), binCountsId: this.share(binCounts) };
  }

  build(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, features: Int32Array): void {
    // One output cannot be split by output blocks, so split the features instead.
    const groups = featureGroups(features, grad.width === 1 ? this.threads : 1);
    const blocks = this.outputBlocks(grad);
    let work = 0;
    for (const r of requests) work += (r.end - r.begin) * features.length * grad.width;
    const ghId = this.ids.get(grad.gh);
    const rowsId = this.ids.get(rows);
    if (work < PARALLEL_MIN_WORK || ghId === undefined || rowsId === undefined) return this.buildHere(requests, grad, rows, groups, blocks);
    const parallel = this.speed.pickParallel();
    const started = performance.now();
    if (parallel) this.buildShared(requests, grad, rows, groups, blocks, ghId, rowsId);
    else this.buildHere(requests, grad, rows, featureGroups(features), [0, grad.width]);
    this.speed.record(parallel, work, performance.now() - started);
  }

  private buildShared(
    requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, groups: number[][], blocks: number[], ghId: number, rowsId: number,
  ): void {
    const tasks: Task[] = [];
    for (const r of requests) {
      const histId = this.ids.get(r.hist);
      if (histId === undefined) return this.buildHere(requests, grad, rows, groups, blocks);
      groups.forEach((_, g) => {
        for (let b = 0; b + 1 < blocks.length; b++) tasks.push({ begin: r.begin, end: r.end, histId, group: g, k0: blocks[b], k1: blocks[b + 1] });
      });
    }
    const active = grad.active ? this.sharedActive(grad.active) : null;
    const activeId = active ? this.ids.get(active)! : -1;
    // Every thread runs the wasm kernels when every array of the job is in the arena's memory.
    const inArena = this.arena !== null && this.memoryId >= 0 && this.arena.holds(this.view.bins) && this.arena.holds(rows) && this.arena.holds(grad.gh) &&
      this.arena.holds(active) && requests.every((r) => this.arena!.holds(r.hist));
    const header = {
      width: grad.width, stride: grad.stride, offset: grad.offset, ghId, rowsId, activeId, featureCount: this.view.featureCount, ...this.dataIds,
      memoryId: inArena ? this.memoryId : -1,
    };
    if (!writeJob(this.pool.job, header, groups, tasks)) return this.buildHere(requests, grad, rows, groups, blocks);
    this.pool.run();
  }

  allocateHistogram(length: number): Float64Array {
    return this.shareNew(this.arena?.float64(length) ?? new Float64Array(new SharedArrayBuffer(length * 8)));
  }

  allocateGradients(length: number): Float32Array {
    return this.shareNew(this.arena?.float32(length) ?? new Float32Array(new SharedArrayBuffer(length * 4)));
  }

  allocateRows(length: number): Int32Array {
    return this.shareNew(this.arena?.int32(length) ?? new Int32Array(new SharedArrayBuffer(length * 4)));
  }

  /** Lets the pooled workers drop this training's arrays; the workers stay for the next training. */
  close(): void {
    this.pool.forget([...this.ids.values(), ...(this.memoryId >= 0 ? [this.memoryId] : [])]);
    this.ids.clear();
  }

  private buildHere(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, groups: number[][], blocks: number[]): void {
    const active = grad.active && this.arena ? this.sharedActive(grad.active) : grad.active;
    const input: KernelInput = { ...this.view, rows, gh: grad.gh, stride: grad.stride, offset: grad.offset, width: grad.width, active };
    const arena = this.arena;
    const wasm = arena !== null && arena.holds(input.bins) && arena.holds(rows) && arena.holds(grad.gh) && arena.holds(active);
    for (const r of requests) {
      const here = wasm && arena.holds(r.hist) ? arena : null;
      for (const g of groups) {
        for (let b = 0; b + 1 < blocks.length; b++) {
          if (here) here.buildPart(input, r.hist, r.begin, r.end, [g], blocks[b], blocks[b + 1]);
          else buildHistogramPart(input, r.hist, r.begin, r.end, [g], blocks[b], blocks[b + 1]);
        }
      }
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
      // Boundaries only on whole cache lines (multiples of LINE_OUTPUTS outputs of a bin), each at the line
      // boundary nearest an equal share of the mass: two threads writing to the same line of a histogram would
      // pass it back and forth on every row.
      const cumulative = new Float64Array(grad.width + 1);
      for (let k = 0; k < grad.width; k++) cumulative[k + 1] = cumulative[k] + mass[k];
      blocks = [0];
      for (let b = 1; b < parts; b++) {
        const target = (cumulative[grad.width] * b) / parts;
        let best = -1;
        for (let c = blocks[blocks.length - 1] + LINE_OUTPUTS; c < grad.width; c += LINE_OUTPUTS) {
          if (best < 0 || Math.abs(cumulative[c] - target) < Math.abs(cumulative[best] - target)) best = c;
        }
        if (best > 0) blocks.push(best);
      }
      blocks.push(grad.width);
      cache.set(grad.width, blocks);
    }
    return blocks;
  }

  private sharedActive(active: Int32Array): Int32Array {
    let copy = this.activeCopies.get(active);
    if (!copy) {
      copy = this.shareNew(this.arena?.copyOf(active) ?? toShared(active));
      this.activeCopies.set(active, copy);
    }
    return copy;
  }

  private shareNew<T extends SharedArray>(array: T): T {
    this.share(array);
    return array;
  }

  private share(array: SharedArray): number {
    const id = this.pool.share(array);
    this.ids.set(array, id);
    return id;
  }
}

/**
 * Whether worker threads pay, measured rather than assumed: on a machine whose cores are busy with other work,
 * or whose two "cores" are hyperthreads of one, a batch split across threads can take longer than on one thread
 * (measured on the shared development machine: a compute loop ran 1.4× slower while a second thread computed).
 * The first batches alternate between the two ways, then the faster per unit of work is used, with the slower
 * re-timed every RECHECK batches in case the load changed. Both ways sum every cell in the same order, so the
 * choice changes the speed only, never the model.
 */
export interface WorkerChoice {
  pickParallel(): boolean;
  record(parallel: boolean, work: number, ms: number): void;
}

export class ModeSpeed implements WorkerChoice {
  private static readonly PROBES = 3;
  private static readonly RECHECK = 32;
  /** Milliseconds per unit of work, as a moving average; index 0 = this thread alone, 1 = with workers. */
  private readonly cost = [0, 0];
  private readonly samples = [0, 0];
  private batches = 0;

  pickParallel(): boolean {
    const n = this.batches++;
    if (this.samples[1] < ModeSpeed.PROBES || this.samples[0] < ModeSpeed.PROBES) return this.samples[1] <= this.samples[0];
    const faster = this.cost[1] < this.cost[0];
    return n % ModeSpeed.RECHECK === 0 ? !faster : faster;
  }

  record(parallel: boolean, work: number, ms: number): void {
    const m = parallel ? 1 : 0;
    const c = ms / work;
    this.cost[m] = this.samples[m] === 0 ? c : 0.7 * this.cost[m] + 0.3 * c;
    this.samples[m]++;
  }
}

function toShared<T extends SharedArray>(a: T): T {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}
