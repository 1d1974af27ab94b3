// The shared-memory protocol between the parallel histogram builder and its workers: a control block
// (Atomics wait/notify), a job block describing the tasks, and arrays shared by id. Each task fills one node
// histogram's cells for a feature group × output block, so every cell has exactly one writer and a fixed
// summation order.
import { buildHistogramPart, type KernelInput } from './histogram-kernels.js';
import { WasmKernels } from './histogram-wasm.js';

/** Control words. */
export const GENERATION = 0;
export const NEXT_TASK = 1;
export const DONE = 2;
export const STOP = 3;
export const CONTROL_WORDS = 4;

/** Job header words (array ids refer to SharedArray messages), then feature groups, then tasks. */
const WIDTH = 0;
const STRIDE = 1;
const OFFSET = 2;
const GH_ID = 3;
const ROWS_ID = 4;
const ACTIVE_ID = 5;
const BINS_ID = 6;
const BIN_START_ID = 7;
const BIN_COUNTS_ID = 8;
const FEATURES = 9;
const TASKS = 10;
const GROUPS = 11;
/** Id of the WebAssembly memory every array of the job lives in (−1: use the JavaScript kernels). */
const MEMORY_ID = 12;
const HEADER = 13;
const TASK_WORDS = 6;
export const JOB_WORDS = 1 << 18;

export type SharedKind = 'f64' | 'f32' | 'i32' | 'u8' | 'u16';
export type SharedArray = Float64Array | Float32Array | Int32Array | Uint8Array | Uint16Array;

/** A message on a worker's port: share an array under an id, or forget ids. */
export type PoolMessage =
  | { readonly type: 'share'; readonly id: number; readonly kind: SharedKind; readonly buffer: SharedArrayBuffer; readonly byteOffset: number; readonly length: number }
  | { readonly type: 'memory'; readonly id: number; readonly memory: WebAssembly.Memory }
  | { readonly type: 'forget'; readonly ids: readonly number[] };

/** What a thread knows by id: shared arrays, and WebAssembly kernels bound to shared memories. */
export interface SharedState {
  readonly arrays: Map<number, SharedArray>;
  readonly kernels: Map<number, WasmKernels | null>;
}

export interface Task {
  readonly begin: number;
  readonly end: number;
  readonly histId: number;
  readonly group: number;
  readonly k0: number;
  readonly k1: number;
}

export interface JobHeader {
  readonly width: number;
  readonly stride: number;
  readonly offset: number;
  readonly ghId: number;
  readonly rowsId: number;
  readonly activeId: number;
  readonly binsId: number;
  readonly binStartId: number;
  readonly binCountsId: number;
  readonly featureCount: number;
  readonly memoryId: number;
}

/** Writes a job; returns false when it does not fit the job block (the caller then builds serially). */
export function writeJob(job: Int32Array, h: JobHeader, groups: readonly number[][], tasks: readonly Task[]): boolean {
  let size = HEADER + tasks.length * TASK_WORDS;
  for (const g of groups) size += 1 + g.length;
  if (size > job.length) return false;
  job[WIDTH] = h.width;
  job[STRIDE] = h.stride;
  job[OFFSET] = h.offset;
  job[GH_ID] = h.ghId;
  job[ROWS_ID] = h.rowsId;
  job[ACTIVE_ID] = h.activeId;
  job[BINS_ID] = h.binsId;
  job[BIN_START_ID] = h.binStartId;
  job[BIN_COUNTS_ID] = h.binCountsId;
  job[FEATURES] = h.featureCount;
  job[TASKS] = tasks.length;
  job[GROUPS] = groups.length;
  job[MEMORY_ID] = h.memoryId;
  let at = HEADER;
  for (const g of groups) {
    job[at++] = g.length;
    for (const f of g) job[at++] = f;
  }
  for (const t of tasks) {
    job[at++] = t.begin;
    job[at++] = t.end;
    job[at++] = t.histId;
    job[at++] = t.group;
    job[at++] = t.k0;
    job[at++] = t.k1;
  }
  return true;
}

/** Takes tasks off the shared counter until none are left; run by workers and the main thread alike. */
export function runTasks(control: Int32Array, job: Int32Array, state: SharedState): void {
  const arrays = state.arrays;
  const groups: number[][] = [];
  let at = HEADER;
  for (let g = 0; g < job[GROUPS]; g++) {
    const size = job[at++];
    groups.push(Array.from(job.subarray(at, at + size)));
    at += size;
  }
  const activeId = job[ACTIVE_ID];
  const input: KernelInput = {
    bins: arrays.get(job[BINS_ID]) as Uint8Array | Uint16Array,
    featureCount: job[FEATURES],
    binStart: arrays.get(job[BIN_START_ID]) as Int32Array,
    binCounts: arrays.get(job[BIN_COUNTS_ID]) as Int32Array,
    rows: arrays.get(job[ROWS_ID]) as Int32Array,
    gh: arrays.get(job[GH_ID]) as Float32Array,
    stride: job[STRIDE],
    offset: job[OFFSET],
    width: job[WIDTH],
    active: activeId >= 0 ? (arrays.get(activeId) as Int32Array) : null,
  };
  const wasm = job[MEMORY_ID] >= 0 ? state.kernels.get(job[MEMORY_ID]) ?? null : null;
  const taskCount = job[TASKS];
  for (;;) {
    const t = Atomics.add(control, NEXT_TASK, 1);
    if (t >= taskCount) return;
    const w = at + t * TASK_WORDS;
    const hist = arrays.get(job[w + 2]) as Float64Array;
    if (wasm) wasm.buildPart(input, hist, job[w], job[w + 1], [groups[job[w + 3]]], job[w + 4], job[w + 5]);
    else buildHistogramPart(input, hist, job[w], job[w + 1], [groups[job[w + 3]]], job[w + 4], job[w + 5]);
  }
}

/** Applies a pool message to a worker's (or the main thread's) shared state. */
export function applyMessage(state: SharedState, message: PoolMessage): void {
  const arrays = state.arrays;
  if (message.type === 'forget') {
    for (const id of message.ids) {
      arrays.delete(id);
      state.kernels.delete(id);
    }
    return;
  }
  if (message.type === 'memory') {
    state.kernels.set(message.id, WasmKernels.forMemory(message.memory));
    return;
  }
  // Views may sit anywhere in a buffer (arrays carved out of one WebAssembly memory), so offset and length travel too.
  const { buffer: b, byteOffset: o, length: n, kind } = message;
  arrays.set(
    message.id,
    kind === 'f64' ? new Float64Array(b, o, n) : kind === 'f32' ? new Float32Array(b, o, n) : kind === 'i32' ? new Int32Array(b, o, n) : kind === 'u8' ? new Uint8Array(b, o, n) : new Uint16Array(b, o, n),
  );
}
