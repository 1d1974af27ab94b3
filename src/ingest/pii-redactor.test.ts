import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedHasher } from './keyed-hasher.js';
import { PiiRedactor } from './pii-redactor.js';
import { validateEvent } from './event-validator.js';
import { allTypes } from '../../test/support/sample-events.js';
import type { ArgusEvent } from './event-schemas.js';

const RAW_VALUES = [
  '110101199003071001', '13800001001', 'Test Person 1', '203.0.113.1', '622202000000001001', '1 Test Road',
  '1 Office Park', '13900001111', 'Mother', '13900002222', '198.51.100.7', '13800009999',
];

test('no raw personal identifier survives redaction, for any event type', () => {
  const redactor = new PiiRedactor(new KeyedHasher('test-secret-0123456789abcdef'));
  for (const raw of allTypes()) {
    const result = validateEvent(raw, 0);
    assert.ok(result.ok);
    const stored = JSON.stringify(redactor.redact((result as { event: ArgusEvent }).event));
    for (const value of RAW_VALUES) assert.ok(!stored.includes(value), `${String(raw.type)} leaks ${value}: ${stored}`);
  }
});

test('IP fields gain a hashed /24 so networks can be linked without the address', () => {
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const redactor = new PiiRedactor(hasher);
  const [app] = allTypes();
  const result = validateEvent(app, 0);
  assert.ok(result.ok);
  const event = redactor.redact((result as { event: ArgusEvent }).event) as Extract<ArgusEvent, { type: 'application.submitted' }>;
  assert.equal(event.data.device.ip24, hasher.hash('203.0.113.0/24'));
  assert.equal(event.data.device.ip, hasher.hash('203.0.113.1'));
  assert.equal(event.data.applicant.phone, hasher.hash('13800001001'));
});
