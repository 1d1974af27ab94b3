// The shared-memory protocol between the parallel histogram builder and its workers: a control word block
// (Atomics wait/notify) and a job block describing the tasks. Each task fills one node histogram's cells for a
// feature group × output block, so every cell has exactly one writer and a fixed summation order.
import { buildHistogramPart, type KernelInput } from './histogram-kernels.js';
import type { BinMatrix } from '../dataset/binned-dataset.js';

/** Control words. */
export const GENERATION = 0;
export const NEXT_TASK = 1;
export const DONE = 2;
export const STOP = 3;
export const CONTROL_WORDS = 4;

/** Job header words, then groups, then tasks. */
const WIDTH = 0;
const STRIDE = 1;
const OFFSET = 2;
const GH_ID = 3;
const ROWS_ID = 4;
const ACTIVE_ID = 5;
const TASKS = 6;
const GROUPS = 7;
const HEADER = 8;
const TASK_WORDS = 6;
export const JOB_WORDS = 1 << 18;

/** A buffer shared with workers, known to them by id. */
export interface SharedArrayMessage {
  readonly id: number;
  readonly kind: 'f64' | 'f32' | 'i32';
  readonly buffer: SharedArrayBuffer;
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
}

/** Writes a job; returns false when it does not fit the job block (the caller then builds serially). */
export function writeJob(job: Int32Array, header: JobHeader, groups: readonly number[][], tasks: readonly Task[]): boolean {
  let size = HEADER + tasks.length * TASK_WORDS;
  for (const g of groups) size += 1 + g.length;
  if (size > job.length) return false;
  job[WIDTH] = header.width;
  job[STRIDE] = header.stride;
  job[OFFSET] = header.offset;
  job[GH_ID] = header.ghId;
  job[ROWS_ID] = header.rowsId;
  job[ACTIVE_ID] = header.activeId;
  job[TASKS] = tasks.length;
  job[GROUPS] = groups.length;
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

export interface DatasetView {
  readonly bins: BinMatrix;
  readonly featureCount: number;
  readonly binStart: Int32Array;
  readonly binCounts: Int32Array;
}

/** Takes tasks off the shared counter until none are left; run by workers and the main thread alike. */
export function runTasks(control: Int32Array, job: Int32Array, data: DatasetView, arrays: Map<number, Float64Array | Float32Array | Int32Array>): void {
  const groups: number[][] = [];
  let at = HEADER;
  for (let g = 0; g < job[GROUPS]; g++) {
    const size = job[at++];
    groups.push(Array.from(job.subarray(at, at + size)));
    at += size;
  }
  const activeId = job[ACTIVE_ID];
  const input: KernelInput = {
    ...data,
    rows: arrays.get(job[ROWS_ID]) as Int32Array,
    gh: arrays.get(job[GH_ID]) as Float32Array,
    stride: job[STRIDE],
    offset: job[OFFSET],
    width: job[WIDTH],
    active: activeId >= 0 ? (arrays.get(activeId) as Int32Array) : null,
  };
  const taskCount = job[TASKS];
  for (;;) {
    const t = Atomics.add(control, NEXT_TASK, 1);
    if (t >= taskCount) return;
    const w = at + t * TASK_WORDS;
    const hist = arrays.get(job[w + 2]) as Float64Array;
    buildHistogramPart(input, hist, job[w], job[w + 1], [groups[job[w + 3]]], job[w + 4], job[w + 5]);
  }
}

export function typedView(message: SharedArrayMessage): Float64Array | Float32Array | Int32Array {
  if (message.kind === 'f64') return new Float64Array(message.buffer);
  if (message.kind === 'f32') return new Float32Array(message.buffer);
  return new Int32Array(message.buffer);
}
