import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from './event-validator.js';
import { EVENT_TYPES } from './event-schemas.js';
import { allTypes, application } from '../../test/support/sample-events.js';

test('a valid event of every type passes', () => {
  const samples = allTypes();
  assert.deepEqual(new Set(samples.map((e) => e.type)), new Set(EVENT_TYPES));
  for (const [i, e] of samples.entries()) {
    const result = validateEvent(e, i);
    assert.equal(result.ok, true, `${String(e.type)}: ${JSON.stringify(!result.ok && result.problem)}`);
  }
});

function problemOf(record: unknown) {
  const result = validateEvent(record, 3);
  assert.equal(result.ok, false);
  return (result as Extract<typeof result, { ok: false }>).problem;
}

test('each kind of bad record gets its code, its index and the JSON path of the problem', () => {
  const cases: [string, unknown, string, string][] = [
    ['not an object', [1, 2], 'INGEST_EVENT_INVALID', '$'],
    ['missing id', (({ id: _id, ...rest }) => rest)(application()), 'INGEST_EVENT_INVALID', '$.id'],
    ['bad time', application(1, { time: 'yesterday' }), 'INGEST_TIME_INVALID', '$.time'],
    ['impossible date', application(1, { time: '2025-02-30T25:00:00Z' }), 'INGEST_TIME_INVALID', '$.time'],
    ['unknown type', application(1, { type: 'application.teleported' }), 'INGEST_TYPE_UNKNOWN', '$.type'],
    ['extra envelope field', application(1, { extra: true }), 'INGEST_EVENT_INVALID', '$.extra'],
  ];
  for (const [label, record, code, path] of cases) {
    const p = problemOf(record);
    assert.equal(p.code, code, label);
    assert.equal(p.path, path, label);
    assert.equal(p.index, 3, label);
  }
});

test('problems inside data point at the exact field', () => {
  const wrongType = application();
  (wrongType.data as { applicant: { phone: unknown } }).applicant.phone = 13800001111;
  assert.equal(problemOf(wrongType).path, '$.data.applicant.phone');

  const badContact = application();
  (badContact.data as { contacts: unknown[] }).contacts.push({ phone: '1', relation: 'enemy' });
  assert.equal(problemOf(badContact).path, '$.data.contacts[1].relation');

  const negative = application();
  (negative.data as { requestedAmount: number }).requestedAmount = -5;
  assert.equal(problemOf(negative).path, '$.data.requestedAmount');

  const missing = application();
  delete (missing.data as { bankCard?: string }).bankCard;
  assert.equal(problemOf(missing).path, '$.data.bankCard');

  const unknownField = application();
  (unknownField.data as Record<string, unknown>).favouriteColour = 'red';
  assert.equal(problemOf(unknownField).path, '$.data.favouriteColour');
});

test('graph labels at rest carry the graph\'s keys: a keyed hash, or an employer\'s name — never a raw identifier', () => {
  const label = (entityType: string, key: string) => ({ id: 'l1', type: 'graph.labelled', time: '2025-01-01T00:00:00Z', data: { entityType, key, label: 'fraud' } });
  assert.equal(validateEvent(label('person', 'h:QwrEhPx0pSt5R6bJbNNWDw'), 0).ok, true);
  assert.equal(validateEvent(label('employer', 'acme trading'), 0).ok, true);
  assert.equal(validateEvent(label('person', '110101199003071001'), 0).ok, false);
  assert.equal(validateEvent(label('phone', '13800001111'), 0).ok, false);
});
