import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadTable, loadTableAsync } from './load-table.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-table-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const code = (c: string) => (e: { code?: string }) => e.code === c;

test('CSV: quotes, CRLF, BOM, missing markers, numeric and categorical columns', () => {
  const path = file('a.csv', '\uFEFFid,income,city,note\r\n1,1200.5,"Paris",plain\r\n2,NA,"New York, NY","he said ""hi"""\r\n3,,Paris,\r\n');
  const t = loadTable(path);
  assert.equal(t.rowCount, 3);
  assert.deepEqual(t.columnNames, ['id', 'income', 'city', 'note']);
  assert.deepEqual(Array.from(t.numeric('income')), [1200.5, NaN, NaN]);
  const city = t.column('city');
  assert.equal(city.kind, 'categorical');
  assert.deepEqual(city.kind === 'categorical' && city.levels, ['Paris', 'New York, NY']);
  assert.deepEqual(Array.from(city.values), [0, 1, 0]);
  const note = t.column('note');
  assert.ok(note.kind === 'categorical' && note.levels[note.values[1]] === 'he said "hi"');
  assert.ok(Number.isNaN(note.values[2]), 'an empty cell is missing');
});

test('a column turns categorical at its first non-number; declared types override the guess', () => {
  const path = file('b.csv', 'zip,grade,amount\n02139,1,10\n10001,2,x\n02139,B,30\n');
  const guessed = loadTable(path);
  const grade = guessed.column('grade');
  assert.ok(grade.kind === 'categorical');
  assert.deepEqual(grade.levels, ['1', '2', 'B']);
  const declared = loadTable(path, { categorical: ['zip'], numeric: ['amount'] });
  const zip = declared.column('zip');
  assert.ok(zip.kind === 'categorical' && zip.levels[0] === '02139', 'codes keep their leading zeros');
  assert.deepEqual(Array.from(declared.numeric('amount')), [10, NaN, 30]);
});

test('text columns keep every cell as written: leading zeros, decimals and missing markers are levels', () => {
  const path = file('b2.csv', 'lead,x\n00123,1\nNA,2\n,3\n2.50,4\n');
  const lead = loadTable(path, { text: ['lead'] }).column('lead');
  assert.ok(lead.kind === 'categorical');
  assert.deepEqual(Array.from(lead.values, (c) => lead.levels[c]), ['00123', 'NA', '', '2.50']);
});

test('several files stack in order, columns may come in another order, and only asked-for columns load', () => {
  const a = file('c1.csv', 'x,y\n1,2\n3,4\n');
  const b = file('c2.csv', 'y,x\n6,5\n');
  const t = loadTable([a, b]);
  assert.deepEqual(Array.from(t.numeric('x')), [1, 3, 5]);
  assert.deepEqual(Array.from(t.numeric('y')), [2, 4, 6]);
  assert.deepEqual(loadTable([a, b], { columns: ['y'] }).columnNames, ['y']);
});

test('files that disagree, ragged rows and absent files fail with stable codes', () => {
  const a = file('d1.csv', 'x,y\n1,2\n');
  const b = file('d2.csv', 'x,z\n1,2\n');
  assert.throws(() => loadTable([a, b]), code('LEARN_TABLE_COLUMNS_MISMATCH'));
  assert.throws(() => loadTable(file('d3.csv', 'x,y\n1,2\n3\n')), (e: { code?: string; details?: { line?: number } }) => e.code === 'LEARN_CSV_ROW_INVALID' && e.details?.line === 3);
  assert.throws(() => loadTable(join(dir, 'nope.csv')), code('LEARN_FILE_NOT_FOUND'));
  assert.throws(() => loadTable(file('d4.csv', 'x\n"open\n')), code('LEARN_CSV_QUOTE_UNTERMINATED'));
});

test('space-separated files without a header (e.g. statlog) read with columnNames', () => {
  const t = loadTable(file('e.data', 'A11 6 A34\nA12  48 A32 \n'), { delimiter: ' ', header: false, columnNames: ['status', 'months', 'history'] });
  assert.deepEqual(Array.from(t.numeric('months')), [6, 48]);
  assert.equal(t.column('status').kind, 'categorical');
});

test('Parquet files load through loadTableAsync (and loadTable says so)', async () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'amount', data: [1.5, 2.5, null], type: 'DOUBLE' },
      { name: 'grade', data: ['A', null, 'B'], type: 'STRING' },
      { name: 'count', data: [1, 2, 3], type: 'INT32' },
    ],
  });
  const path = join(dir, 'f.parquet');
  writeFileSync(path, new Uint8Array(buffer));
  const t = await loadTableAsync(path);
  assert.deepEqual(Array.from(t.numeric('amount')), [1.5, 2.5, NaN]);
  assert.deepEqual(Array.from(t.numeric('count')), [1, 2, 3]);
  const grade = t.column('grade');
  assert.ok(grade.kind === 'categorical' && grade.levels.join() === 'A,B' && Number.isNaN(grade.values[1]));
  assert.throws(() => loadTable(path), code('LEARN_TABLE_FORMAT_ASYNC'));
});
