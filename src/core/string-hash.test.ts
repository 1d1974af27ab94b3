import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FNV_OFFSET, fmix32, fnv1a } from './string-hash.js';

test('fnv1a gives the published FNV-1a 32-bit values, and chained calls hash the concatenation', () => {
  assert.equal(fnv1a(FNV_OFFSET, '') >>> 0, 0x811c9dc5);
  assert.equal(fnv1a(FNV_OFFSET, 'a') >>> 0, 0xe40c292c);
  assert.equal(fnv1a(FNV_OFFSET, 'foobar') >>> 0, 0xbf9cf968);
  assert.equal(fnv1a(fnv1a(FNV_OFFSET, 'foo'), 'bar'), fnv1a(FNV_OFFSET, 'foobar'));
});

test('fmix32 is murmur3\'s finaliser: 0 stays 0, the result is unsigned, one input bit moves about half the output bits', () => {
  assert.equal(fmix32(0), 0);
  assert.ok(fmix32(-1) >= 0);
  const flipped = (fmix32(1) ^ fmix32(3)) >>> 0;
  const bits = flipped.toString(2).split('').filter((b) => b === '1').length;
  assert.ok(bits >= 8 && bits <= 24, String(bits));
});
