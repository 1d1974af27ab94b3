import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.js';

const reference = (key: Uint8Array, message: string) => createHmac('sha256', key).update(message, 'utf8').digest().subarray(0, 16).toString('base64url');

test('HMAC-SHA-256 matches node:crypto for every message length across the padding boundaries', () => {
  const key = Buffer.from('test-secret-0123456789abcdef');
  const mac = new HmacSha256(key);
  for (let length = 0; length <= 300; length++) {
    const message = Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7 + length) % 94))).join('');
    assert.equal(mac.digest16Base64url(message), reference(key, message), `length ${length}`);
  }
});

test('HMAC-SHA-256 matches node:crypto for non-ASCII text, surrogate pairs and lone surrogates', () => {
  const key = Buffer.from('another-secret-fedcba9876543210');
  const mac = new HmacSha256(key);
  for (const message of ['张三', '北京市朝阳区建国路 88 号', 'café', '😀 emoji 👍🏽', 'a\u0000b', '\ud800 lone', 'x'.repeat(70) + '中']) {
    assert.equal(mac.digest16Base64url(message), reference(key, message), message);
  }
});

test('HMAC-SHA-256 handles keys of every size class: short, one block, longer than a block (hashed first)', () => {
  for (const size of [16, 32, 63, 64, 65, 100, 200]) {
    const key = randomBytes(size);
    const mac = new HmacSha256(key);
    for (const message of ['13800001234', '', 'h'.repeat(64)]) assert.equal(mac.digest16Base64url(message), reference(key, message), `key ${size}`);
  }
});

test('HMAC-SHA-256 of random messages in a long run stays identical (no state leaks between calls)', () => {
  const key = randomBytes(32);
  const mac = new HmacSha256(key);
  for (let i = 0; i < 2000; i++) {
    const message = randomBytes(i % 130).toString('latin1');
    assert.equal(mac.digest16Base64url(message), reference(key, message));
  }
});
