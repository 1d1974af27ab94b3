// A growable columnar table: numeric columns as Float64Array chunks (NaN = missing) and text columns, appended a
// row at a time and read a column at a time. What backfill fills and the matrix writers and screening read.

export class NumericColumn {
  private data = new Float64Array(1024);
  length = 0;

  push(v: number | null): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v === null ? NaN : v;
  }

  /** The values (a view: valid until the next push). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class ColumnTable {
  readonly text = new Map<string, string[]>();
  readonly numeric = new Map<string, NumericColumn>();
  rows = 0;

  constructor(textColumns: readonly string[], numericColumns: readonly string[]) {
    for (const c of textColumns) this.text.set(c, []);
    for (const c of numericColumns) this.numeric.set(c, new NumericColumn());
  }

  get columnNames(): string[] {
    return [...this.text.keys(), ...this.numeric.keys()];
  }

  textColumn(name: string): string[] {
    return this.text.get(name)!;
  }

  numericColumn(name: string): Float64Array {
    return this.numeric.get(name)!.values();
  }
}
