// Writes columns as CSV (predictions, derived tables). Numbers print in shortest round-trip form; NaN is empty.
import { openSync, writeSync, closeSync } from 'node:fs';

export interface OutputColumn {
  readonly name: string;
  /** Numbers, or strings (quoted when needed). */
  readonly values: ArrayLike<number> | readonly (string | null)[];
}

export function writeCsv(path: string, columns: readonly OutputColumn[]): void {
  const fd = openSync(path, 'w');
  try {
    const rows = columns.length > 0 ? columns[0].values.length : 0;
    writeSync(fd, columns.map((c) => quote(c.name)).join(',') + '\n');
    const chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(columns.map((c) => cell(c.values[i])).join(','));
      if (chunk.length === 10_000) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  return quote(v);
}

function quote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
