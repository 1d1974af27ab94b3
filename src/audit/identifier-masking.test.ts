import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskIdentifiers } from './identifier-masking.js';

const HASHES = /h:[A-Za-z0-9_-]{8,}/g;

function hashesOf(text: string): string[] {
  return text.match(HASHES) ?? [];
}

test('tokens keep equality, order and length among a record\'s hashes, and no hash is left', () => {
  const h = ['h:Zq3-9xkP0aTm_wQ2LbC7Aa', 'h:0a1B2c3D4e5F6g7H8i9J0k', 'h:-zzzzzzzzzzzzzzzzzzzzz', 'h:aAAAAAAAAAAAAAAAAAAAAA', 'h:_AAAAAAAAAAAAAAAAAAAAA'];
  const record = { a: h[0], b: [h[1], h[2], h[0]], lists: { [`phone|${h[3]}`]: [{ list: 'black' }] }, c: { d: h[4] }, n: 'h:short' };
  const text = JSON.stringify(record);
  const masked = maskIdentifiers(text);
  assert.deepEqual(hashesOf(masked), [], masked);
  assert.ok(masked.includes('"h:short"'), 'too short to be a keyed hash: left as it is');
  const back = JSON.parse(masked) as typeof record;
  const tokens = [back.a, back.b[0], back.b[1], Object.keys(back.lists)[0].slice('phone|'.length), back.c.d];
  assert.equal(back.b[2], back.a, 'equal hashes, equal tokens');
  for (let i = 0; i < h.length; i++) {
    assert.match(tokens[i], /^h:~\d+$/);
    assert.equal(tokens[i].length, h[i].length);
    for (let j = 0; j < h.length; j++) assert.equal(tokens[i] < tokens[j], h[i] < h[j], `${h[i]} vs ${h[j]}`);
  }
  assert.equal(maskIdentifiers(masked), masked, 'tokens are not masked again');
});

test('hashes of different lengths still get tokens of their lengths, in their order', () => {
  // Sorted: h:AAAAAAAA (10) < h:AAAAAAAAAAAA (14) < h:AAAAAAAB (10) < h:BBBBBBBBBBBBBBBBBB (20) < h:BBBBBBBBC (11)
  const h = ['h:BBBBBBBBC', 'h:AAAAAAAB', 'h:AAAAAAAAAAAA', 'h:BBBBBBBBBBBBBBBBBB', 'h:AAAAAAAA'];
  const tokens = JSON.parse(maskIdentifiers(JSON.stringify(h))) as string[];
  for (let i = 0; i < h.length; i++) {
    assert.equal(tokens[i].length, h[i].length, tokens[i]);
    for (let j = 0; j < h.length; j++) assert.equal(tokens[i] < tokens[j], h[i] < h[j], `${tokens[i]} vs ${tokens[j]}`);
  }
});

test('tokens are local to each record: the first hash of every record gets the same token', () => {
  const one = maskIdentifiers('"h:Zq3-9xkP0aTm_wQ2LbC7Aa"');
  const two = maskIdentifiers('"h:0a1B2c3D4e5F6g7H8i9J0k"');
  assert.equal(one, two);
  assert.equal(one, `"h:~${'1'.padStart(21, '0')}"`);
  assert.equal(maskIdentifiers('no identifiers here'), 'no identifiers here');
});

test('order and length hold for many hashes sharing long prefixes (ties past the characters ranked by number)', () => {
  let seed = 42;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const alphabet = 'AB-_z9';
  const h = Array.from({ length: 300 }, () => {
    const length = 8 + Math.floor(next() * 12);
    let body = '';
    for (let i = 0; i < length; i++) body += alphabet[Math.floor(next() * (i < 6 ? 1 : alphabet.length))];
    return `h:${body}`;
  });
  const tokens = JSON.parse(maskIdentifiers(JSON.stringify(h))) as string[];
  for (let i = 0; i < h.length; i++) {
    assert.equal(tokens[i].length, h[i].length);
    for (let j = 0; j < h.length; j++) {
      assert.equal(tokens[i] < tokens[j], h[i] < h[j], `${h[i]} ${h[j]}: ${tokens[i]} ${tokens[j]}`);
      assert.equal(tokens[i] === tokens[j], h[i] === h[j]);
    }
  }
});
