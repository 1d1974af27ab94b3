import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedHasher, ipv4Prefix24 } from './keyed-hasher.js';
import { RiskError } from '../core/index.js';

const SECRET = 'test-secret-0123456789abcdef';

test('the same identifier hashes the same under one key, differently under another', () => {
  const a = new KeyedHasher(SECRET);
  const b = new KeyedHasher('another-secret-0123456789');
  assert.equal(a.hash('13800001111'), new KeyedHasher(SECRET).hash('13800001111'));
  assert.notEqual(a.hash('13800001111'), b.hash('13800001111'));
  assert.notEqual(a.hash('13800001111'), a.hash('13800001112'));
  assert.match(a.hash('13800001111'), /^h:[A-Za-z0-9_-]{22}$/);
});

test('the hash is the HMAC-SHA-256 of the normalized value, not a plain hash', async () => {
  const { createHash, createHmac } = await import('node:crypto');
  const h = new KeyedHasher(SECRET).hash('13800001111');
  const hmac = 'h:' + createHmac('sha256', SECRET).update('13800001111').digest().subarray(0, 16).toString('base64url');
  const plain = 'h:' + createHash('sha256').update('13800001111').digest().subarray(0, 16).toString('base64url');
  assert.equal(h, hmac);
  assert.notEqual(h, plain);
});

test('case and spacing do not make a different identifier; hashed values pass through', () => {
  const hasher = new KeyedHasher(SECRET);
  assert.equal(hasher.hash('  1 Test  Road '), hasher.hash('1 test road'));
  const hashed = hasher.hash('x');
  assert.equal(hasher.hash(hashed), hashed);
});

test('a short secret is refused with a code', () => {
  assert.throws(() => new KeyedHasher('short'), (e: unknown) => e instanceof RiskError && e.code === 'INGEST_SECRET_WEAK');
});

test('IPv4 /24 prefixes', () => {
  assert.equal(ipv4Prefix24('203.0.113.57'), '203.0.113.0/24');
  assert.equal(ipv4Prefix24('300.0.113.57'), undefined);
  assert.equal(ipv4Prefix24('2001:db8::1'), undefined);
});

test('only a keyed hash passes through: a raw value with an "h:" prefix is hashed like any other', () => {
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const hashed = hasher.hash('13800009999');
  assert.match(hashed, /^h:[A-Za-z0-9_-]{22}$/);
  assert.equal(hasher.hash(hashed), hashed);
  const prefixed = hasher.hash('h:13800009999');
  assert.notEqual(prefixed, 'h:13800009999');
  assert.match(prefixed, /^h:[A-Za-z0-9_-]{22}$/);
});
