// Loads CSV (and, asynchronously, Parquet) files into one columnar Table. Several files are stacked in order;
// they must share their columns. Column types are guessed (numeric unless a non-number appears) or declared.
import { readFileSync } from 'node:fs';
import { RiskError } from '../../core/index.js';
import { ColumnBuilder, DEFAULT_MISSING_TOKENS, type ColumnType } from './column-builder.js';
import { readCsvText, type CellSink, type CsvOptions } from './csv-reader.js';
import { readParquetFile } from './parquet-reader.js';
import { Table } from './table.js';

export interface LoadTableOptions extends CsvOptions {
  /** Keep only these columns (all by default). */
  readonly columns?: readonly string[];
  /** Columns to read as categorical even when their values look numeric (codes, zip codes). */
  readonly categorical?: readonly string[];
  /**
   * Columns kept exactly as written: categorical, and no cell is a missing marker ("NA" stays the level "NA"; only
   * a Parquet null is missing). For columns copied through to an output, e.g. `argus predict --keep`.
   */
  readonly text?: readonly string[];
  /** Columns to read as numbers; unparseable cells become missing instead of making the column categorical. */
  readonly numeric?: readonly string[];
  /** Cell texts that mean missing (default: empty, NA, N/A, NaN, nan, null, NULL, None, ?). */
  readonly missing?: readonly string[];
}

/** Loads CSV/TSV files synchronously. Parquet needs loadTableAsync. */
export function loadTable(paths: string | readonly string[], options: LoadTableOptions = {}): Table {
  const loader = new TableLoader(options);
  for (const path of toList(paths)) {
    if (isParquet(path)) {
      throw new RiskError('LEARN_TABLE_FORMAT_ASYNC', `${path}: Parquet files load with loadTableAsync`, { path });
    }
    loader.addCsv(path);
  }
  return loader.build();
}

/** Loads CSV/TSV and Parquet (.parquet) files. */
export async function loadTableAsync(paths: string | readonly string[], options: LoadTableOptions = {}): Promise<Table> {
  const loader = new TableLoader(options);
  for (const path of toList(paths)) {
    if (isParquet(path)) await loader.addParquet(path);
    else loader.addCsv(path);
  }
  return loader.build();
}

class TableLoader {
  private readonly builders = new Map<string, ColumnBuilder>();
  private order: string[] | null = null;
  private readonly missing: ReadonlySet<string>;

  constructor(private readonly options: LoadTableOptions) {
    this.missing = new Set(options.missing ?? DEFAULT_MISSING_TOKENS);
  }

  addCsv(path: string): void {
    readCsvText(readText(path), path, this.options, (names) => this.sinks(path, names));
  }

  async addParquet(path: string): Promise<void> {
    await readParquetFile(readBytes(path), (names) => this.sinks(path, names).map((s, i) => (s ? this.builders.get(names[i])! : null)));
  }

  build(): Table {
    return new Table((this.order ?? []).map((name) => this.builders.get(name)!.build()));
  }

  /** Binds a file's columns to the shared builders, checking that every file has the same columns. */
  private sinks(path: string, names: readonly string[]): CellSink[] {
    const wanted = this.options.columns ?? this.order ?? names;
    const present = new Set(names);
    const absent = wanted.filter((w) => !present.has(w));
    const extra = this.options.columns ? [] : names.filter((n) => !wanted.includes(n));
    if (absent.length > 0 || extra.length > 0) {
      throw new RiskError('LEARN_TABLE_COLUMNS_MISMATCH', `${path}: columns differ from ${this.order ? 'the first file' : 'those asked for'}`, {
        path,
        absent,
        extra,
      });
    }
    if (this.order === null) {
      this.order = [...wanted];
      for (const name of wanted) this.builders.set(name, new ColumnBuilder(name, this.declaredType(name), this.missing));
    }
    const keep = new Set(wanted);
    return names.map((name) => {
      if (!keep.has(name)) return null;
      const b = this.builders.get(name)!;
      return (token: string) => b.pushToken(token);
    });
  }

  private declaredType(name: string): ColumnType {
    if (this.options.text?.includes(name)) return 'text';
    if (this.options.categorical?.includes(name)) return 'categorical';
    if (this.options.numeric?.includes(name)) return 'numeric';
    return 'auto';
  }
}

function toList(paths: string | readonly string[]): readonly string[] {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (list.length === 0) throw new RiskError('LEARN_TABLE_NO_FILES', 'no data files given', {});
  return list;
}

function isParquet(path: string): boolean {
  return path.toLowerCase().endsWith('.parquet');
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new RiskError('LEARN_FILE_NOT_FOUND', `cannot read ${path}`, { path, reason: (err as Error).message });
  }
}

function readText(path: string): string {
  return readBytes(path).toString('utf8');
}
