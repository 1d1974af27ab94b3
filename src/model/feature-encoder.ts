// Turns an applicant record, or one row of a columnar table, into the Float64Array a scorer reads
// (features in model order, NaN = missing, categorical values as the model's level codes). Not the scorer itself.
import { RiskError } from '../core/index.js';
import type { FeatureInfo } from './model-artifact.js';

/** Any columnar table (learn's Table satisfies it): numeric values, or codes into `levels` for categorical columns. */
export interface RowSource {
  readonly rowCount: number;
  hasColumn(name: string): boolean;
  column(name: string): SourceColumn;
}

export interface SourceColumn {
  readonly values: ArrayLike<number>;
  readonly levels?: readonly string[];
}

/** Fills x with row i of the source. */
export type RowFiller = (i: number, x: Float64Array) => void;

export class FeatureEncoder {
  readonly features: readonly FeatureInfo[];
  private readonly levelIndex: (Map<string, number> | null)[];

  constructor(names: readonly string[], info?: readonly FeatureInfo[]) {
    this.features = names.map((name, i) => info?.[i] ?? { name, type: 'numeric' });
    this.levelIndex = this.features.map((f) => (f.type === 'categorical' ? new Map((f.levels ?? []).map((l, i) => [l, i])) : null));
  }

  /** A record keyed by feature name; absent, null, empty or unparseable values are missing. */
  encodeRecord(record: Readonly<Record<string, unknown>>, out = new Float64Array(this.features.length)): Float64Array {
    for (let f = 0; f < this.features.length; f++) {
      const raw = record[this.features[f].name];
      const levels = this.levelIndex[f];
      if (levels) out[f] = raw === null || raw === undefined ? NaN : (levels.get(String(raw)) ?? NaN);
      else out[f] = toNumber(raw);
    }
    return out;
  }

  /** Binds the source's columns once (every missing feature reported together) and returns a per-row filler. */
  rowFiller(source: RowSource): RowFiller {
    const missing = this.features.filter((f) => !source.hasColumn(f.name)).map((f) => f.name);
    if (missing.length > 0) {
      throw new RiskError('MODEL_FEATURE_MISSING', `input lacks ${missing.length} model feature(s): ${missing.join(', ')}`, { missing });
    }
    const columns = this.features.map((f, i) => {
      const col = source.column(f.name);
      return { values: col.values, map: this.codeMap(i, col.levels, col.values) };
    });
    const n = columns.length;
    return (row, x) => {
      for (let f = 0; f < n; f++) {
        const c = columns[f];
        const v = c.values[row];
        x[f] = c.map === null ? v : v === v ? c.map[v] ?? NaN : NaN;
      }
    };
  }

  /** For a column whose codes need translating (categorical ↔ numeric or level lists that differ), a code table. */
  private codeMap(f: number, levels: readonly string[] | undefined, values: ArrayLike<number>): Float64Array | null {
    const index = this.levelIndex[f];
    if (index === null) {
      return levels ? Float64Array.from(levels, (l) => toNumber(l)) : null;
    }
    if (levels) return Float64Array.from(levels, (l) => index.get(l) ?? NaN);
    // A numeric source column for a categorical feature: translate each distinct value via its string form.
    let max = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (!(v >= 0 && Number.isInteger(v))) return this.rejectNonIntegerCodes(f);
      if (v > max) max = v;
    }
    return Float64Array.from({ length: max + 1 }, (_, v) => index.get(String(v)) ?? NaN);
  }

  private rejectNonIntegerCodes(f: number): never {
    throw new RiskError('MODEL_FEATURE_TYPE_MISMATCH', `feature ${this.features[f].name} is categorical but the input column holds non-integer numbers`, {
      feature: this.features[f].name,
    });
  }
}

function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    const t = raw.trim();
    return t === '' ? NaN : Number(t);
  }
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  return NaN;
}
