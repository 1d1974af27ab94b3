// The training view of a table: each feature binned once into one row-major matrix (bins[i·F + f]) of
// Uint8 (Uint16 past 256 bins): a row's bins sit together, which is what the histogram kernels read.
// Built for training data (finding the bins) or for other data with the training bins.
import { Random, RiskError } from '../../core/index.js';
import type { FeatureInfo } from '../../model/index.js';
import type { Table } from '../data/table.js';
import { binOf, categoricalBinMapper, numericBinMapper, type BinMapper } from './bin-mapper.js';

/** Row-major bins: row i, feature f at i · featureCount + f. */
export type BinMatrix = Uint8Array | Uint16Array;

export interface DatasetOptions {
  /** Bins per feature including the one for missing values (default 256: one byte per value). */
  readonly maxBins?: number;
  /** Rows sampled to find the cuts (all rows when fewer). */
  readonly binSampleSize?: number;
  readonly seed?: number;
  /** Features to treat as categorical even if the table column is numeric. */
  readonly categorical?: readonly string[];
  /** Allocate bins in shared memory so histogram workers can read them. */
  readonly shared?: boolean;
}

export class BinnedDataset {
  readonly rowCount: number;
  readonly featureNames: readonly string[];
  readonly featureInfo: readonly FeatureInfo[];
  readonly mappers: readonly BinMapper[];
  readonly bins: BinMatrix;
  readonly binCounts: Int32Array;

  private constructor(rowCount: number, names: readonly string[], info: readonly FeatureInfo[], mappers: readonly BinMapper[], bins: BinMatrix) {
    this.rowCount = rowCount;
    this.featureNames = names;
    this.featureInfo = info;
    this.mappers = mappers;
    this.bins = bins;
    this.binCounts = Int32Array.from(mappers, (m) => m.binCount);
  }

  private readonly columns: (BinMatrix | undefined)[] = [];

  get featureCount(): number {
    return this.featureNames.length;
  }

  /**
   * Feature f's bins as a contiguous column (made on first use). Row partitioning reads one feature of many rows,
   * where a dense column is far more cache-friendly than striding through the row-major matrix.
   */
  column(f: number): BinMatrix {
    let col = this.columns[f];
    if (!col) {
      const F = this.featureCount;
      col = this.bins instanceof Uint16Array ? new Uint16Array(this.rowCount) : new Uint8Array(this.rowCount);
      for (let i = 0; i < this.rowCount; i++) col[i] = this.bins[i * F + f];
      this.columns[f] = col;
    }
    return col;
  }

  /** Finds bins on this table and bins it. */
  static fromTable(table: Table, features: readonly string[], options: DatasetOptions = {}): BinnedDataset {
    table.requireColumns(features);
    // maxBins counts the missing-value bin too, so the default 256 keeps every feature in one byte.
    const maxBins = options.maxBins ?? 256;
    if (!(maxBins >= 2 && maxBins <= 65536)) throw new RiskError('LEARN_PARAM_INVALID', 'maxBins must be in 2..65536', { maxBins });
    const valueBins = maxBins - 1;
    const sampleRows = sampleIndices(table.rowCount, options.binSampleSize ?? 200_000, options.seed ?? 0);
    const info: FeatureInfo[] = [];
    const mappers = features.map((name) => {
      const col = table.column(name);
      const values = col.values;
      if (col.kind === 'categorical' || options.categorical?.includes(name)) {
        const levels = col.kind === 'categorical' ? col.levels : numericLevels(values);
        info.push({ name, type: 'categorical', levels });
        const codes = col.kind === 'categorical' ? values : recode(values, levels);
        return categoricalBinMapper(codes, levels.length, valueBins);
      }
      info.push({ name, type: 'numeric' });
      const sample = sampleRows ? Float64Array.from(sampleRows, (i) => values[i]) : values;
      return numericBinMapper(sample, valueBins);
    });
    return BinnedDataset.bin(table, features, info, mappers, options.shared ?? false);
  }

  /** Bins another table (validation, test) with this dataset's bins; categorical levels are matched by name. */
  withBinsOf(table: Table, shared = false): BinnedDataset {
    table.requireColumns(this.featureNames);
    return BinnedDataset.bin(table, this.featureNames, this.featureInfo, this.mappers, shared);
  }

  private static bin(table: Table, names: readonly string[], info: readonly FeatureInfo[], mappers: readonly BinMapper[], shared: boolean): BinnedDataset {
    const n = table.rowCount;
    const F = names.length;
    const bins = allocate(n * F, Math.max(...mappers.map((m) => m.binCount)), shared);
    names.forEach((name, f) => {
      const mapper = mappers[f];
      const col = table.column(name);
      let values = col.values;
      const levels = info[f].levels;
      if (levels) values = recode(values, levels, col.kind === 'categorical' ? col.levels : undefined);
      for (let i = 0; i < n; i++) bins[i * F + f] = binOf(mapper, values[i]);
    });
    return new BinnedDataset(n, names, info, mappers, bins);
  }
}

function allocate(n: number, binCount: number, shared: boolean): BinMatrix {
  const wide = binCount > 256;
  const bytes = n * (wide ? 2 : 1);
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return wide ? new Uint16Array(buffer) : new Uint8Array(buffer);
}

/** Level strings for a numeric column used as categorical: its distinct values, ascending. */
function numericLevels(values: Float64Array): string[] {
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) distinct.add(values[i]);
  return [...distinct].sort((a, b) => a - b).map(String);
}

/** Translates values to codes of `levels`: from another level list, or from numbers via their string form. */
function recode(values: Float64Array, levels: readonly string[], sourceLevels?: readonly string[]): Float64Array {
  const index = new Map(levels.map((l, i) => [l, i]));
  if (sourceLevels && sourceLevels.length === levels.length && sourceLevels.every((l, i) => l === levels[i])) return values;
  const map = sourceLevels ? Float64Array.from(sourceLevels, (l) => index.get(l) ?? NaN) : null;
  return Float64Array.from(values, (v) => (v !== v ? NaN : map ? (map[v] ?? NaN) : (index.get(String(v)) ?? NaN)));
}

function sampleIndices(n: number, size: number, seed: number): Int32Array | null {
  if (n <= size) return null;
  const random = new Random(seed).fork('bin-sample');
  const picked = new Int32Array(size);
  // Reservoir sampling keeps the choice deterministic for a seed and independent of row order quirks.
  for (let i = 0; i < size; i++) picked[i] = i;
  for (let i = size; i < n; i++) {
    const j = random.int(i + 1);
    if (j < size) picked[j] = i;
  }
  return picked;
}
