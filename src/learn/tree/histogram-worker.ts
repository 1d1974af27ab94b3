// A histogram worker thread: waits on the shared control block, drains newly shared arrays from its port,
// takes tasks until none are left, reports done. Started by ParallelHistogramBuilder; never imported elsewhere.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { DONE, GENERATION, runTasks, STOP, typedView, type SharedArrayMessage } from './histogram-job.js';

interface WorkerInit {
  readonly control: SharedArrayBuffer;
  readonly job: SharedArrayBuffer;
  readonly bins: SharedArrayBuffer;
  readonly wideBins: boolean;
  readonly featureCount: number;
  readonly binStart: Int32Array;
  readonly binCounts: Int32Array;
  readonly port: MessagePort;
}

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const job = new Int32Array(init.job);
const data = {
  bins: init.wideBins ? new Uint16Array(init.bins) : new Uint8Array(init.bins),
  featureCount: init.featureCount,
  binStart: init.binStart,
  binCounts: init.binCounts,
};
const arrays = new Map<number, Float64Array | Float32Array | Int32Array>();

let seen = 0;
for (;;) {
  Atomics.wait(control, GENERATION, seen);
  seen = Atomics.load(control, GENERATION);
  if (Atomics.load(control, STOP) === 1) break;
  for (let m = receiveMessageOnPort(init.port); m !== undefined; m = receiveMessageOnPort(init.port)) {
    const message = m.message as SharedArrayMessage;
    arrays.set(message.id, typedView(message));
  }
  runTasks(control, job, data, arrays);
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
init.port.close();
