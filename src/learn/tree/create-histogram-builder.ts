// Picks the histogram builder: serial for one thread, worker threads otherwise.
import type { BinnedDataset } from '../dataset/binned-dataset.js';
import { SerialHistogramBuilder, type HistogramBuilder } from './histogram-builder.js';
import { ParallelHistogramBuilder } from './parallel-histogram-builder.js';

export function createHistogramBuilder(data: BinnedDataset, threads: number): HistogramBuilder {
  return threads > 1 ? new ParallelHistogramBuilder(data, threads) : new SerialHistogramBuilder(data);
}
