// A histogram worker thread: waits on the shared control block, applies array share/forget messages from its
// port, takes tasks until none are left, reports done. Started by HistogramWorkerPool; never imported elsewhere.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { applyMessage, DONE, GENERATION, runTasks, STOP, type PoolMessage, type SharedArray, type SharedState } from './histogram-job.js';

interface WorkerInit {
  readonly control: SharedArrayBuffer;
  readonly job: SharedArrayBuffer;
  readonly port: MessagePort;
}

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const job = new Int32Array(init.job);
const state: SharedState = { arrays: new Map<number, SharedArray>(), kernels: new Map() };

let seen = 0;
for (;;) {
  Atomics.wait(control, GENERATION, seen);
  seen = Atomics.load(control, GENERATION);
  if (Atomics.load(control, STOP) === 1) break;
  for (let m = receiveMessageOnPort(init.port); m !== undefined; m = receiveMessageOnPort(init.port)) {
    applyMessage(state, m.message as PoolMessage);
  }
  runTasks(control, job, state);
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
init.port.close();
