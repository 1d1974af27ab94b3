// The columnar table training and batch scoring read: one Float64Array per column (NaN = missing);
// categorical columns hold integer codes into their `levels`. Not a data-frame library: no joins or group-bys.
import { RiskError } from '../../core/index.js';

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Codes into levels; NaN = missing. */
  readonly values: Float64Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export class Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  private readonly byName: Map<string, Column>;

  constructor(columns: readonly Column[]) {
    this.columns = columns;
    this.byName = new Map();
    this.rowCount = columns.length > 0 ? columns[0].values.length : 0;
    for (const c of columns) {
      if (this.byName.has(c.name)) throw new RiskError('LEARN_COLUMN_DUPLICATE', `column "${c.name}" appears twice`, { column: c.name });
      if (c.values.length !== this.rowCount) {
        throw new RiskError('LEARN_TABLE_RAGGED', `column "${c.name}" has ${c.values.length} rows, expected ${this.rowCount}`, { column: c.name });
      }
      this.byName.set(c.name, c);
    }
  }

  get columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  hasColumn(name: string): boolean {
    return this.byName.has(name);
  }

  column(name: string): Column {
    const c = this.byName.get(name);
    if (!c) throw new RiskError('LEARN_COLUMN_NOT_FOUND', `no column "${name}"`, { column: name, columns: this.columnNames });
    return c;
  }

  /** A numeric column's values; a categorical column is an error here (its codes are not quantities). */
  numeric(name: string): Float64Array {
    const c = this.column(name);
    if (c.kind !== 'numeric') throw new RiskError('LEARN_COLUMN_NOT_NUMERIC', `column "${name}" is categorical`, { column: name });
    return c.values;
  }

  /** Checks that every named column exists, reporting all that do not at once. */
  requireColumns(names: readonly string[]): void {
    const missing = names.filter((n) => !this.byName.has(n));
    if (missing.length > 0) {
      throw new RiskError('LEARN_COLUMN_NOT_FOUND', `missing column(s): ${missing.join(', ')}`, { missing, columns: this.columnNames });
    }
  }

  /** The rows at the given indices, in that order (for train/validation splits, resampling). */
  take(rows: ArrayLike<number>): Table {
    return new Table(
      this.columns.map((c) => {
        const values = new Float64Array(rows.length);
        for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]];
        return { ...c, values };
      }),
    );
  }

  select(names: readonly string[]): Table {
    this.requireColumns(names);
    return new Table(names.map((n) => this.column(n)));
  }
}

/** Builds a table from plain arrays (tests, small in-memory data): strings make a categorical column. */
export function tableFromColumns(columns: Readonly<Record<string, ArrayLike<number> | readonly (string | null)[]>>): Table {
  return new Table(
    Object.entries(columns).map(([name, data]): Column => {
      if (data.length > 0 && Array.from(data as ArrayLike<unknown>).some((v) => typeof v === 'string')) {
        const levels: string[] = [];
        const index = new Map<string, number>();
        const values = Float64Array.from(data as readonly (string | null)[], (v) => {
          if (v === null || v === undefined) return NaN;
          let code = index.get(v);
          if (code === undefined) {
            code = levels.length;
            levels.push(v);
            index.set(v, code);
          }
          return code;
        });
        return { kind: 'categorical', name, values, levels };
      }
      return { kind: 'numeric', name, values: Float64Array.from(data as ArrayLike<number>, (v) => (v === null ? NaN : Number(v))) };
    }),
  );
}
