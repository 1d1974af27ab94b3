// Parses the cells of decision tables, matrices and scorecard bins into fast predicates: '-' (any), 'missing',
// ranges '[600..700)' / '[..25)', comparisons '>= 0.3', literals '5' / '"web", "app"' / 'true'. Anything else is CEL
// over `value` (the column's value) and the flow's variables, compiled by the caller.

import type { ValueKind } from './value-kinds.js';

export type CellTest = (value: unknown) => boolean;

export interface ParsedCell {
  /** 'any' matches everything (missing too); 'missing' only null; 'test' needs a value; 'cel' is for the caller. */
  readonly kind: 'any' | 'missing' | 'test' | 'cel';
  readonly test?: CellTest;
  /** 'test' cells: the kinds of value the cell compares with (a range numbers, `== "web"` strings). */
  readonly compares?: readonly ValueKind[];
}

const NUM = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const RANGE = new RegExp(String.raw`^([\[(\]])\s*(${NUM})?\s*\.\.\s*(${NUM})?\s*([\])\[])$`);
const COMPARISON = new RegExp(String.raw`^(<=|>=|<|>|==|!=)\s*(${NUM}|"(?:[^"\\]|\\.)*")$`);
const LITERAL = String.raw`(?:${NUM}|"(?:[^"\\]|\\.)*"|true|false)`;
const LITERAL_LIST = new RegExp(String.raw`^${LITERAL}(?:\s*,\s*${LITERAL})*$`);
const LITERAL_ITEM = new RegExp(LITERAL, 'g');

export function parseCell(cell: string): ParsedCell {
  // A number or boolean cell reads as its literal; any other value that is no string is for the caller to reject.
  if (typeof cell !== 'string' && typeof cell !== 'number' && typeof cell !== 'boolean') return { kind: 'cel' };
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  if (text === '' || text === '-') return { kind: 'any' };
  if (text === 'missing') return { kind: 'missing', test: (v) => v === null || v === undefined };
  const range = RANGE.exec(text);
  if (range) return { kind: 'test', test: rangeTest(range), compares: ['number'] };
  const cmp = COMPARISON.exec(text);
  if (cmp) {
    const literal = parseLiteral(cmp[2]);
    return { kind: 'test', test: comparisonTest(cmp[1], literal), compares: [kindOf(literal)] };
  }
  if (LITERAL_LIST.test(text)) {
    const items = (text.match(LITERAL_ITEM) ?? []).map(parseLiteral);
    const compares = [...new Set(items.map(kindOf))];
    if (items.length === 1) {
      const only = items[0];
      return { kind: 'test', test: (v) => v === only, compares };
    }
    const set = new Set(items);
    return { kind: 'test', test: (v) => set.has(v as string | number | boolean), compares };
  }
  return { kind: 'cel' };
}

function rangeTest(m: RegExpExecArray): CellTest {
  const [, open, loText, hiText, close] = m;
  const lo = loText === undefined ? -Infinity : Number(loText);
  const hi = hiText === undefined ? Infinity : Number(hiText);
  const loInclusive = open === '[';
  const hiInclusive = close === ']';
  if (loInclusive && !hiInclusive) return (v) => typeof v === 'number' && v >= lo && v < hi;
  if (loInclusive && hiInclusive) return (v) => typeof v === 'number' && v >= lo && v <= hi;
  if (!loInclusive && hiInclusive) return (v) => typeof v === 'number' && v > lo && v <= hi;
  return (v) => typeof v === 'number' && v > lo && v < hi;
}

function comparisonTest(op: string, x: string | number | boolean): CellTest {
  switch (op) {
    case '<': return (v) => (v as number) < (x as number);
    case '<=': return (v) => (v as number) <= (x as number);
    case '>': return (v) => (v as number) > (x as number);
    case '>=': return (v) => (v as number) >= (x as number);
    case '==': return (v) => v === x;
    default: return (v) => v !== x;
  }
}

function kindOf(literal: string | number | boolean): ValueKind {
  return typeof literal === 'number' ? 'number' : typeof literal === 'string' ? 'string' : 'bool';
}

function parseLiteral(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('"')) return JSON.parse(text) as string;
  return Number(text);
}
