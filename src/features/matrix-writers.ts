// Writes a ColumnTable as CSV (header row; empty cell = missing) or Parquet (hyparquet-writer: text columns as
// UTF-8 strings, numeric columns as nullable DOUBLE), for the learning engine and anyone with pandas or DuckDB.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parquetWriteFile } from 'hyparquet-writer';
import { RiskError } from '../core/index.js';
import type { ColumnTable } from './column-table.js';

export type MatrixFormat = 'csv' | 'parquet';

export function formatFromPath(path: string): MatrixFormat {
  if (path.endsWith('.csv')) return 'csv';
  if (path.endsWith('.parquet')) return 'parquet';
  throw new RiskError('FEATURE_OUTPUT_FORMAT_UNKNOWN', 'the output file must end in .csv or .parquet', { path });
}

export async function writeMatrix(table: ColumnTable, path: string, format = formatFromPath(path)): Promise<void> {
  if (format === 'parquet') writeParquet(table, path);
  else await writeCsv(table, path);
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(table: ColumnTable, path: string): Promise<void> {
  const out = createWriteStream(path);
  const names = table.columnNames;
  const text = names.map((n) => table.text.get(n));
  const numeric = names.map((n) => (table.numeric.has(n) ? table.numericColumn(n) : undefined));
  out.write(names.map(csvCell).join(',') + '\n');
  let chunk: string[] = [];
  for (let r = 0; r < table.rows; r++) {
    const cells: string[] = new Array(names.length);
    for (let c = 0; c < names.length; c++) {
      const t = text[c];
      if (t) cells[c] = csvCell(t[r]);
      else {
        const v = numeric[c]![r];
        cells[c] = v === v ? String(v) : '';
      }
    }
    chunk.push(cells.join(','));
    if (chunk.length >= 2000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

function writeParquet(table: ColumnTable, path: string): void {
  const columnData = table.columnNames.map((name) => {
    const t = table.text.get(name);
    if (t) return { name, data: t, type: 'STRING' as const };
    const values = table.numericColumn(name);
    const data = new Array<number | null>(values.length);
    for (let i = 0; i < values.length; i++) data[i] = values[i] === values[i] ? values[i] : null;
    return { name, data, type: 'DOUBLE' as const };
  });
  parquetWriteFile({ filename: path, columnData });
}
