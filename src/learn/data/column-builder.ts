// Accumulates one column while a file is read: numeric until a value that is neither a number nor a missing
// marker appears, then categorical (earlier numbers become their string form). Declared types skip the guessing;
// 'text' is categorical with no missing markers, for columns copied through verbatim (ids such as "00123" or "NA").
import type { Column } from './table.js';

export type ColumnType = 'auto' | 'numeric' | 'categorical' | 'text';

export const DEFAULT_MISSING_TOKENS = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '?'];

export class ColumnBuilder {
  readonly name: string;
  private readonly declared: ColumnType;
  private readonly missing: ReadonlySet<string>;
  private values = new Float64Array(1024);
  private length = 0;
  private categorical: boolean;
  private levels: string[] = [];
  private levelIndex = new Map<string, number>();

  constructor(name: string, declared: ColumnType, missing: ReadonlySet<string>) {
    this.name = name;
    this.declared = declared;
    this.missing = missing;
    this.categorical = declared === 'categorical' || declared === 'text';
  }

  /** A text cell (CSV). */
  pushToken(token: string): void {
    if (this.declared !== 'text' && this.missing.has(token)) return this.push(NaN);
    if (!this.categorical) {
      const v = Number(token);
      if (v === v || this.declared === 'numeric') return this.push(v);
      this.becomeCategorical();
    }
    this.push(this.code(token));
  }

  /** A typed value (Parquet): numbers, bigints, booleans, dates, strings, null. */
  pushValue(value: unknown): void {
    if (value === null || value === undefined) return this.push(NaN);
    if (typeof value === 'string') return this.pushToken(value);
    let v: number;
    if (typeof value === 'number') v = value;
    else if (typeof value === 'bigint') v = Number(value);
    else if (typeof value === 'boolean') v = value ? 1 : 0;
    else if (value instanceof Date) v = value.getTime();
    else return this.pushToken(String(value));
    if (this.categorical) this.push(v === v ? this.code(String(v)) : NaN);
    else this.push(v);
  }

  build(): Column {
    const values = this.values.slice(0, this.length);
    return this.categorical
      ? { kind: 'categorical', name: this.name, values, levels: this.levels }
      : { kind: 'numeric', name: this.name, values };
  }

  private push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }

  private code(token: string): number {
    let c = this.levelIndex.get(token);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(token);
      this.levelIndex.set(token, c);
    }
    return c;
  }

  private becomeCategorical(): void {
    this.categorical = true;
    for (let i = 0; i < this.length; i++) {
      const v = this.values[i];
      if (v === v) this.values[i] = this.code(String(v));
    }
  }
}
