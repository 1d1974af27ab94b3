// A delimited-text reader (RFC 4180 quotes, CRLF or LF, a BOM) that streams cells into column builders.
// It reads one whole file's text; no type guessing here (the builders do that).
import { RiskError } from '../../core/index.js';

export interface CsvOptions {
  /** Field separator; by default guessed from the first line among , ; tab and |. ' ' treats runs of spaces as one. */
  readonly delimiter?: string;
  /** Whether the first line names the columns (default true). */
  readonly header?: boolean;
  /** Column names for a file without a header line. */
  readonly columnNames?: readonly string[];
}

/** Where one column's cells go; null skips the column. */
export type CellSink = ((token: string) => void) | null;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;

export function readCsvText(text: string, file: string, options: CsvOptions, sinksFor: (names: readonly string[]) => CellSink[]): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const delimiter = options.delimiter ?? guessDelimiter(text, i);
  if (delimiter.length !== 1) throw new RiskError('LEARN_CSV_OPTION_INVALID', 'delimiter must be one character', { delimiter });
  const delim = delimiter.charCodeAt(0);
  const collapseSpaces = delim === SPACE;
  let cells: string[] = [];
  let sinks: CellSink[] | null = null;
  let line = 1;
  let rows = 0;
  const wantHeader = options.header ?? true;
  if (!wantHeader) {
    if (!options.columnNames) throw new RiskError('LEARN_CSV_OPTION_INVALID', 'a file without a header needs columnNames', { file });
    sinks = sinksFor(options.columnNames);
  }
  while (i < n) {
    let count = 0;
    const rowLine = line;
    if (collapseSpaces) while (i < n && text.charCodeAt(i) === SPACE) i++;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        cell = '';
        i++;
        for (;;) {
          const j = text.indexOf('"', i);
          if (j < 0) throw new RiskError('LEARN_CSV_QUOTE_UNTERMINATED', `${file}:${rowLine}: a quoted field is not closed`, { file, line: rowLine });
          for (let k = i; k < j; k++) if (text.charCodeAt(k) === LF) line++;
          if (text.charCodeAt(j + 1) === QUOTE) {
            cell += text.slice(i, j + 1);
            i = j + 2;
          } else {
            cell += text.slice(i, j);
            i = j + 1;
            break;
          }
        }
      } else {
        const start = i;
        let c = text.charCodeAt(i);
        while (i < n && c !== delim && c !== LF && c !== CR) c = text.charCodeAt(++i);
        cell = text.slice(start, i);
        if (cell.length > 0 && (cell.charCodeAt(0) === SPACE || cell.charCodeAt(cell.length - 1) === SPACE)) cell = cell.trim();
      }
      cells[count++] = cell;
      if (collapseSpaces) {
        while (i < n && text.charCodeAt(i) === SPACE) i++;
        const c = text.charCodeAt(i);
        if (i < n && c !== LF && c !== CR) continue;
      } else if (text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      const d = text.charCodeAt(i);
      if (d === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (d === LF) i++;
      else if (i < n) throw new RiskError('LEARN_CSV_ROW_INVALID', `${file}:${line}: text after a closing quote`, { file, line });
      line++;
      break;
    }
    if (count === 1 && cells[0] === '') continue; // blank line
    if (sinks === null) {
      const names = cells.slice(0, count);
      sinks = sinksFor(names);
      cells = new Array(count);
      continue;
    }
    if (count !== sinks.length) {
      throw new RiskError('LEARN_CSV_ROW_INVALID', `${file}:${rowLine}: ${count} fields, expected ${sinks.length}`, {
        file,
        line: rowLine,
        fields: count,
        expected: sinks.length,
      });
    }
    for (let c = 0; c < count; c++) {
      const sink = sinks[c];
      if (sink !== null) sink(cells[c]);
    }
    rows++;
  }
  if (sinks === null) throw new RiskError('LEARN_CSV_EMPTY', `${file} has no header line`, { file });
  return rows;
}

function guessDelimiter(text: string, start: number): string {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const first = text.slice(start, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
