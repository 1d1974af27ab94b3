import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import {
  Scramble, bankCardNumber, idCheckCharacter, isLuhnValid, luhnCheckDigit, mobileNumber, mulmod, residentIdNumber,
} from './identifier-formats.js';
import { isoTime } from './iso-time.js';

test('resident ID check character follows ISO 7064 MOD 11-2 (the published example ends in X)', () => {
  assert.equal(idCheckCharacter('11010519491231002'), 'X');
  assert.equal(idCheckCharacter('44030419900101123'), '3');
  const id = residentIdNumber(123_456, new Date(Date.UTC(1990, 4, 17)));
  assert.match(id, /^\d{6}19900517\d{3}[\dX]$/);
  assert.equal(id.slice(-1), idCheckCharacter(id.slice(0, 17)));
});

test('bank cards are 16 or 19 digits and pass the Luhn check', () => {
  assert.equal(luhnCheckDigit('7992739871'), 3);
  assert.ok(isLuhnValid('79927398713'));
  assert.ok(!isLuhnValid('79927398710'));
  for (let i = 0; i < 200; i++) {
    const card = bankCardNumber(i * 7919, i);
    assert.ok(card.length === 16 || card.length === 19, card);
    assert.ok(isLuhnValid(card), card);
  }
});

test('a scramble is a bijection, so scrambled person indices give distinct phone numbers', () => {
  const scramble = new Scramble(10_007 * 3, 7_368_787, 12_345);
  const seen = new Set<number>();
  for (let i = 0; i < 30_021; i++) seen.add(scramble.map(i));
  assert.equal(seen.size, 30_021);
  assert.throws(() => new Scramble(1000, 250, 0));
  assert.equal(mulmod(999_999_999, 999_999_937, 1_000_000_000), Number((999_999_999n * 999_999_937n) % 1_000_000_000n));
  assert.match(mobileNumber(123), /^1[35789]000000123$/);
});

test('isoTime formats exactly like Date.prototype.toISOString', () => {
  const random = new Random('iso');
  for (let i = 0; i < 20_000; i++) {
    const ms = Math.floor(random.next() * 4_102_444_800_000); // 1970 .. 2100
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }
  assert.equal(isoTime(Date.UTC(2024, 1, 29, 23, 59, 59, 7)), '2024-02-29T23:59:59.007Z');
});
