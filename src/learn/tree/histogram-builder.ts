// Builds node histograms for a batch of nodes: the serial builder here, the worker-thread one in
// parallel-histogram-builder.ts. Both fill exactly the same numbers: every cell is summed over the same rows
// in the same order whichever thread computes it, so results do not depend on the thread count.
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import { buildHistogramPart, featureGroups, type KernelInput } from './histogram-kernels.js';

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

export class SerialHistogramBuilder implements HistogramBuilder {
  private readonly binStart: Int32Array;

  constructor(private readonly data: BinnedDataset) {
    this.binStart = binStarts(data).binStart;
  }

  build(requests: readonly HistogramRequest[], grad: GradientView, rows: Int32Array, features: Int32Array): void {
    const input = kernelInput(this.data, this.binStart, grad, rows);
    const groups = featureGroups(features);
    for (const req of requests) buildHistogramPart(input, req.hist, req.begin, req.end, groups, 0, grad.width);
  }

  allocateHistogram(length: number): Float64Array {
    return new Float64Array(length);
  }

  allocateGradients(length: number): Float32Array {
    return new Float32Array(length);
  }

  allocateRows(length: number): Int32Array {
    return new Int32Array(length);
  }

  close(): void {}
}
