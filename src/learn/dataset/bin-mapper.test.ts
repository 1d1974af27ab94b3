import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../core/index.js';
import { binOf, categoricalBinMapper, numericBinMapper } from './bin-mapper.js';

test('few distinct values: one bin each, cuts midway, missing in bin 0', () => {
  const m = numericBinMapper(new Float64Array([3, 1, 2, 2, NaN, 1]), 255);
  assert.deepEqual(Array.from(m.upper), [1.5, 2.5, Infinity]);
  assert.deepEqual([NaN, 1, 1.5, 1.6, 2, 3, 99].map((v) => binOf(m, v)), [0, 1, 1, 2, 2, 3, 3]);
});

test('many distinct values: about equal counts per bin, and v <= upper[b-1] exactly when bin(v) <= b', () => {
  const r = new Random(9);
  const values = Float64Array.from({ length: 10_000 }, () => r.normal());
  const m = numericBinMapper(values, 16);
  assert.equal(m.binCount, 17);
  const counts = new Array(17).fill(0);
  for (const v of values) counts[binOf(m, v)]++;
  assert.equal(counts[0], 0);
  for (let b = 1; b < 17; b++) assert.ok(counts[b] > 450 && counts[b] < 800, `bin ${b}: ${counts[b]}`);
  for (const v of values.subarray(0, 500)) {
    for (let b = 1; b < 16; b++) assert.equal(v <= m.upper[b - 1], binOf(m, v) <= b);
  }
});

test('a heavy value gets a bin of its own', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0 : i));
  const m = numericBinMapper(values, 8);
  assert.equal(binOf(m, 0) === binOf(m, 600), false);
  assert.equal(binOf(m, -1), binOf(m, 0));
});

test('categories: most frequent first, the rarest share a bin, unknown codes are missing', () => {
  const codes = new Float64Array([2, 2, 2, 0, 0, 1, 3, NaN]);
  const m = categoricalBinMapper(codes, 4, 3);
  assert.equal(binOf(m, 2), 1);
  assert.equal(binOf(m, 0), 2);
  assert.equal(binOf(m, 1), binOf(m, 3), 'past maxBins − 1 categories, the rest share the last bin');
  assert.equal(binOf(m, 7), 0);
  assert.equal(binOf(m, NaN), 0);
});
