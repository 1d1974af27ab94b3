// PageRank on several cores: the main thread and `threads - 1` workers each run Gauss-Seidel sweeps over their own
// range of nodes (split by edge count) on shared arrays, reading whatever their neighbours hold at that moment
// (asynchronous relaxation). Every value read is an iterate from below, so iterates stay under the solution and,
// after each sweep's barrier, 1 - sum(x) is still an exact L1 error bound: the stopping rule is the single-threaded
// one. Ranks can differ from the single-threaded ones in the last bits (within the tolerance); batch jobs that must
// be bit-reproducible use pageRank. On one core pageRank's conjugate gradients are faster still. Start the pool once (workers take a moment to boot), reuse it, close it.

import { startWorker } from '../core/index.js';
import type { Worker } from 'node:worker_threads';
import type { CsrGraph } from './csr-graph.js';
import { pageRankGaussSeidel, type PageRankOptions, type PageRankResult } from './pagerank.js';
import { finishPageRank, preparePageRank } from './pagerank-setup.js';
import { sweepRange, type SweepTotals } from './pagerank-sweep.js';
import { CONTROL, type PoolJob } from './pagerank-pool-protocol.js';

export class PageRankPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number): Promise<PageRankPool> {
    const workers = await Promise.all(Array.from({ length: Math.max(0, threads - 1) }, () => new Promise<Worker>((resolve, reject) => {
      const worker = startWorker(new URL('./pagerank-worker.js', import.meta.url));
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
    })));
    for (const w of workers) w.unref();
    return new PageRankPool(workers);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Same contract as pageRank. Arrays not in shared memory are copied there first (part of the cost). */
  run(graph: CsrGraph, options: PageRankOptions = {}): PageRankResult {
    if (this.workers.length === 0 || graph.n < 10_000) return pageRankGaussSeidel(graph, options);
    const shared = { offsets: toShared(graph.offsets), targets: toShared(graph.targets) };
    const setup = preparePageRank({ ...graph, ...shared }, options, (n) => new Float64Array(new SharedArrayBuffer(n * 8)));
    const control = new Int32Array(new SharedArrayBuffer(16));
    const totals = new Float64Array(new SharedArrayBuffer(8 * (2 + 2 * this.workers.length)));
    totals[0] = setup.dangling;
    const bounds = splitByEdges(shared.offsets, graph.n, this.threads);
    this.workers.forEach((worker, k) => {
      const job: PoolJob = {
        control: control.buffer as SharedArrayBuffer, totals: totals.buffer as SharedArrayBuffer,
        offsets: shared.offsets.buffer as SharedArrayBuffer, targets: shared.targets.buffer as SharedArrayBuffer,
        share: setup.arrays.share.buffer as SharedArrayBuffer, invDegree: setup.arrays.invDegree.buffer as SharedArrayBuffer,
        restart: setup.arrays.restart ? (setup.arrays.restart.buffer as SharedArrayBuffer) : null,
        n: graph.n, lo: bounds[k + 1], hi: bounds[k + 2], damping: setup.damping, slot: k, generation: 0,
      };
      worker.postMessage(job);
    });
    const mine: SweepTotals = { mass: 0, dangling: 0 };
    let iterations = 0;
    let error = 1;
    while (iterations < setup.maxIterations && error >= setup.tolerance) {
      Atomics.store(control, CONTROL.done, 0);
      Atomics.add(control, CONTROL.generation, 1);
      Atomics.notify(control, CONTROL.generation);
      sweepRange(setup.arrays, graph.n, bounds[0], bounds[1], setup.damping, totals[0], mine);
      for (let done = Atomics.load(control, CONTROL.done); done < this.workers.length; done = Atomics.load(control, CONTROL.done)) {
        Atomics.wait(control, CONTROL.done, done);
      }
      let mass = mine.mass;
      let dangling = mine.dangling;
      for (let k = 0; k < this.workers.length; k++) {
        mass += totals[2 * k + 2];
        dangling += totals[2 * k + 3];
      }
      totals[0] = dangling;
      error = 1 - mass;
      iterations++;
    }
    Atomics.store(control, CONTROL.stop, 1);
    Atomics.add(control, CONTROL.generation, 1);
    Atomics.notify(control, CONTROL.generation);
    return finishPageRank(graph, setup.arrays, iterations, error);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function toShared<T extends Uint32Array | Int32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new (array.constructor as { new (buffer: SharedArrayBuffer): T })(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** threads + 1 node boundaries with about the same number of edge entries between consecutive ones. */
function splitByEdges(offsets: Uint32Array, n: number, threads: number): Int32Array {
  const bounds = new Int32Array(threads + 1);
  const total = offsets[n];
  let v = 0;
  for (let t = 1; t < threads; t++) {
    const goal = (total * t) / threads;
    while (v < n && offsets[v] < goal) v++;
    bounds[t] = v;
  }
  bounds[threads] = n;
  return bounds;
}
