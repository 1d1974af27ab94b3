// Worker side of the parallel PageRank (pagerank-pool.ts): receives the shared arrays and its node range, then
// sweeps that range each time the main thread bumps the generation counter, reporting its mass through shared
// memory. Returns to its event loop between jobs.

import { parentPort } from 'node:worker_threads';
import { sweepRange, type SweepTotals } from './pagerank-sweep.js';
import { CONTROL, type PoolJob } from './pagerank-pool-protocol.js';

parentPort!.on('message', (job: PoolJob) => {
  const control = new Int32Array(job.control);
  const totals = new Float64Array(job.totals);
  const arrays = {
    offsets: new Uint32Array(job.offsets), targets: new Int32Array(job.targets), share: new Float64Array(job.share),
    invDegree: new Float64Array(job.invDegree), restart: job.restart ? new Float64Array(job.restart) : null,
  };
  const out: SweepTotals = { mass: 0, dangling: 0 };
  let generation = job.generation;
  for (;;) {
    while (Atomics.load(control, CONTROL.generation) === generation) Atomics.wait(control, CONTROL.generation, generation);
    generation++;
    if (Atomics.load(control, CONTROL.stop) === 1) break;
    sweepRange(arrays, job.n, job.lo, job.hi, job.damping, totals[0], out);
    totals[2 * job.slot + 2] = out.mass;
    totals[2 * job.slot + 3] = out.dangling;
    Atomics.add(control, CONTROL.done, 1);
    Atomics.notify(control, CONTROL.done);
  }
  parentPort!.postMessage('finished');
});
parentPort!.postMessage('ready');
