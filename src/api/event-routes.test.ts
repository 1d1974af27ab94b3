import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApi } from './build-api.js';
import { systemClock } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { application } from '../../test/support/sample-events.js';

function setup(apiKeys: Map<string, string> = new Map()) {
  const eventLog = new SqliteEventLog(':memory:');
  const ingestor = new Ingestor(eventLog, new KeyedHasher('test-secret-0123456789abcdef'));
  const api = buildApi({ clock: systemClock, eventLog, ingestor }, { apiKeys, bodyLimit: 1 << 20 });
  return { api, eventLog };
}

test('GET /health answers with the log head', async () => {
  const { api } = setup();
  const res = await api.inject({ method: 'GET', url: '/health' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().status, 'ok');
  assert.equal(res.json().eventLogHead, 0);
});

test('POST /v1/events takes one JSON event, a JSON array, or NDJSON', async () => {
  const { api, eventLog } = setup();
  const one = await api.inject({ method: 'POST', url: '/v1/events', payload: application(1) });
  assert.equal(one.statusCode, 201);
  assert.equal(one.json().appended, 1);
  const many = await api.inject({ method: 'POST', url: '/v1/events', payload: [application(2), application(3)] });
  assert.equal(many.json().appended, 2);
  const nd = await api.inject({
    method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/x-ndjson' },
    payload: [application(4), application(5)].map((e) => JSON.stringify(e)).join('\n'),
  });
  assert.equal(nd.json().appended, 2);
  const resend = await api.inject({ method: 'POST', url: '/v1/events', payload: application(1) });
  assert.equal(resend.statusCode, 200);
  assert.equal(resend.json().duplicates, 1);
  assert.equal(await eventLog.count(), 5);
});

test('a bad record gets a 400 with its code, index and JSON path; the valid ones are kept', async () => {
  const { api, eventLog } = setup();
  const bad = application(2);
  (bad.data as { termMonths: unknown }).termMonths = 'six';
  const res = await api.inject({ method: 'POST', url: '/v1/events', payload: [application(1), bad] });
  assert.equal(res.statusCode, 400);
  const body = res.json();
  assert.equal(body.error.code, 'INGEST_EVENT_INVALID');
  assert.deepEqual(body.error.details, { index: 1, path: '$.data.termMonths' });
  assert.equal(body.appended, 1);
  assert.equal(await eventLog.count(), 1);
});

test('atomic batches keep nothing when one record is bad', async () => {
  const { api, eventLog } = setup();
  const res = await api.inject({ method: 'POST', url: '/v1/events?atomic=true', payload: [application(1), { id: 'x' }] });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().appended, 0);
  assert.equal(await eventLog.count(), 0);
});

test('malformed JSON and empty bodies get coded errors', async () => {
  const { api } = setup();
  const broken = await api.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json' }, payload: '{"id":' });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error.code, 'API_JSON_MALFORMED');
  const empty = await api.inject({ method: 'POST', url: '/v1/events', payload: [] });
  assert.equal(empty.json().error.code, 'INGEST_BODY_EMPTY');
  const nowhere = await api.inject({ method: 'GET', url: '/v1/nowhere' });
  assert.equal(nowhere.statusCode, 404);
  assert.equal(nowhere.json().error.code, 'API_ROUTE_NOT_FOUND');
});

test('with API keys configured, requests need a key and each key sees only its tenant', async () => {
  const { api, eventLog } = setup(new Map([['key-a', 'bank-a'], ['key-b', 'bank-b']]));
  const anonymous = await api.inject({ method: 'POST', url: '/v1/events', payload: application(1) });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'API_KEY_MISSING');
  const wrong = await api.inject({ method: 'POST', url: '/v1/events', headers: { authorization: 'Bearer nope' }, payload: application(1) });
  assert.equal(wrong.json().error.code, 'API_KEY_INVALID');
  await api.inject({ method: 'POST', url: '/v1/events', headers: { authorization: 'Bearer key-a' }, payload: application(1) });
  await api.inject({ method: 'POST', url: '/v1/events', headers: { 'x-api-key': 'key-b' }, payload: [application(1), application(2)] });
  assert.equal(await eventLog.count('bank-a'), 1);
  assert.equal(await eventLog.count('bank-b'), 2);
  const health = await api.inject({ method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 200);
});
