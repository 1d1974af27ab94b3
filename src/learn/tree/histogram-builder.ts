// Builds node histograms for a batch of nodes: the serial builder here, the worker-thread one in
// parallel-histogram-builder.ts. Both fill exactly the same numbers: every cell is summed over the same rows
// in the same order whichever thread computes it, so results do not depend on the thread count.
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import { buildHistogramPart, featureGroups, type KernelInput } from './histogram-kernels.js';
import { WasmArena } from './histogram-wasm.js';

/** Which gradients a tree fits: `width` outputs starting at `offset`, of `stride` outputs per row in gh. */
export interface GradientView {
  readonly gh: Float32Array;
  readonly stride: number;
  readonly offset: number;
  readonly width: number;
  /** Per-row count of leading non-zero outputs; only meaningful when the tree fits all outputs. */
  readonly active: Int32Array | null;
}

export interface HistogramRequest {
  readonly begin: number;
  readonly end: number;
  readonly hist: Float64Array;
}

export interface HistogramBuilder {
  /** Fills each request's histogram (for the given features only) from rows[begin..end). */
  build(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, features: Int32Array): void;
  /** Arrays for gradients, rows and histograms; in shared memory when workers read them. */
  allocateHistogram(length: number): Float64Array;
  allocateGradients(length: number): Float32Array;
  allocateRows(length: number): Int32Array;
  close(): void;
  /** The WebAssembly memory the arrays above live in, when they do (other wasm steps can share it). */
  readonly arena?: WasmArena | null;
}

/** First bin of each feature in a node histogram, and the histogram's bin count. */
export function binStarts(data: BinnedDataset): { binStart: Int32Array; totalBins: number } {
  const binStart = new Int32Array(data.featureCount);
  let total = 0;
  for (let f = 0; f < data.featureCount; f++) {
    binStart[f] = total;
    total += data.binCounts[f];
  }
  return { binStart, totalBins: total };
}

export function kernelInput(data: BinnedDataset, binStart: Int32Array, grad: GradientView, rows: Int32Array): KernelInput {
  return {
    bins: data.bins,
    featureCount: data.featureCount,
    binStart,
    binCounts: data.binCounts,
    rows,
    gh: grad.gh,
    stride: grad.stride,
    offset: grad.offset,
    width: grad.width,
    active: grad.active,
  };
}

/**
 * Builds on the calling thread: with the WebAssembly SIMD kernels (histogram-wasm.ts) when the arrays were
 * allocated here, in the kernels' memory, and the JavaScript kernels otherwise. Both give the same sums.
 */
export class SerialHistogramBuilder implements HistogramBuilder {
  private readonly binStart: Int32Array;
  readonly arena: WasmArena | null;
  private readonly wasmBins: BinnedDataset['bins'] | null;
  private readonly activeCopies = new WeakMap<Int32Array, Int32Array | null>();

  constructor(private readonly data: BinnedDataset, options: { wasm?: boolean } = {}) {
    this.binStart = binStarts(data).binStart;
    this.arena = options.wasm === false ? null : WasmArena.create();
    this.wasmBins = this.arena?.copyOf(data.bins) ?? null;
  }

  build(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, features: Int32Array): void {
    const input = kernelInput(this.data, this.binStart, grad, rows);
    const groups = featureGroups(features);
    const wasm = this.wasmInput(input);
    for (const req of requests) {
      if (wasm && this.arena!.holds(req.hist)) this.arena!.buildPart(wasm, req.hist, req.begin, req.end, groups, 0, grad.width);
      else buildHistogramPart(input, req.hist, req.begin, req.end, groups, 0, grad.width);
    }
  }

  allocateHistogram(length: number): Float64Array {
    return this.arena?.float64(length) ?? new Float64Array(length);
  }

  allocateGradients(length: number): Float32Array {
    return this.arena?.float32(length) ?? new Float32Array(length);
  }

  allocateRows(length: number): Int32Array {
    return this.arena?.int32(length) ?? new Int32Array(length);
  }

  close(): void {}

  /** The kernel input with the arena's copies of bins and active, or null when an array lives outside it. */
  private wasmInput(input: KernelInput): KernelInput | null {
    const arena = this.arena;
    if (!arena || !this.wasmBins || !arena.holds(input.rows) || !arena.holds(input.gh)) return null;
    let active: Int32Array | null = null;
    if (input.active) {
      if (!this.activeCopies.has(input.active)) this.activeCopies.set(input.active, arena.copyOf(input.active));
      active = this.activeCopies.get(input.active)!;
      if (!active) return null;
    }
    return { ...input, bins: this.wasmBins, active };
  }
}
