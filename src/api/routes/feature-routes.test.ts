// Feature routes through the real HTTP edge (fastify inject): values of a key right after ingest, spec CRUD,
// versioning, validation problems and the error codes of each refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock } from '../../core/index.js';
import { Ingestor, KeyedHasher } from '../../ingest/index.js';
import { SqliteEventLog } from '../../store/index.js';
import { FeatureEngine, FeatureFollower, FeatureService, MemorySpecRepository, loadDemoFeatureSet } from '../../features/index.js';
import { buildApi } from '../build-api.js';

async function setup() {
  const clock = new FixedClock('2025-03-01T12:00:00Z');
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('feature-routes-test-secret');
  const ingestor = new Ingestor(log, hasher);
  const engine = new FeatureEngine({ clock, sets: [loadDemoFeatureSet()] });
  new FeatureFollower({ engine, log, subscribe: (l) => ingestor.subscribe(l) }).start();
  const features = new FeatureService({
    engine, repository: new MemorySpecRepository(), clock, history: (tenant) => log.readSync(0, { tenant }),
    hashKey: (_entity, raw) => hasher.hash(raw),
  });
  const api = buildApi({ clock, eventLog: log, ingestor, features }, { apiKeys: new Map(), bodyLimit: 1 << 20 });
  return { api, hasher, log };
}

const login = (id: string, time: string, fingerprint = 'device-1') => ({
  id, type: 'login', time, data: { fingerprint, ip: '10.1.2.3', idNumber: 'ID-1', phone: '13800000000' },
});

test('GET /v1/features/:entity/:key shows an event as soon as its ingest returns', async () => {
  const { api, hasher, log } = await setup();
  const post = await api.inject({ method: 'POST', url: '/v1/events', payload: [login('e1', '2025-03-01T11:30:00Z'), login('e2', '2025-03-01T11:50:00Z')] });
  assert.equal(post.statusCode, 201);
  const hashed = hasher.hash('13800000000');
  const res = await api.inject({ method: 'GET', url: `/v1/features/phone/${encodeURIComponent(hashed)}` });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.values['phone.sessions.1d'], 2);
  assert.equal(body.values['phone.distinct_devices.7d'], 1);
  assert.ok(!body.key.includes(hashed.slice(8)), 'the key is shown masked');
  // A phone given in clear is hashed with the deployment key; device fingerprints are not personal data.
  assert.equal((await api.inject({ method: 'GET', url: '/v1/features/phone/13800000000' })).json().values['phone.sessions.1d'], 2);
  const device = await api.inject({ method: 'GET', url: '/v1/features/device/device-1?at=2025-03-01T13:00:00Z' });
  assert.equal(device.json().values['device.sessions.1h'], 0, '`at` reads as of another time');
  assert.equal(device.json().values['device.sessions.1d'], 2);
  const bad = await api.inject({ method: 'GET', url: '/v1/features/planet/x' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'FEATURE_ENTITY_UNKNOWN');
  await log.close();
});

test('feature set CRUD: create rebuilds from the log, versions on update, coded refusals', async () => {
  const { api, log } = await setup();
  await api.inject({ method: 'POST', url: '/v1/events', payload: [login('e1', '2025-03-01T11:00:00Z'), login('e2', '2025-03-01T11:10:00Z')] });
  const spec = {
    name: 'mine',
    features: [{ name: 'my.device.logins.1d', entity: 'device', events: ['login'], aggregation: 'count', window: '1d' }],
  };
  const created = await api.inject({ method: 'POST', url: '/v1/feature-sets', payload: spec });
  assert.equal(created.statusCode, 201);
  assert.deepEqual(created.json(), { name: 'mine', version: 1 });
  const values = await api.inject({ method: 'GET', url: '/v1/features/device/device-1' });
  assert.equal(values.json().values['my.device.logins.1d'], 2, 'the new set was rebuilt from the logged events');

  const again = await api.inject({ method: 'POST', url: '/v1/feature-sets', payload: spec });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'FEATURE_SET_EXISTS');

  const updated = await api.inject({ method: 'PUT', url: '/v1/feature-sets/mine', payload: { features: [{ ...spec.features[0], window: '1h' }] } });
  assert.deepEqual(updated.json(), { name: 'mine', version: 2 });
  assert.equal((await api.inject({ method: 'GET', url: '/v1/feature-sets/mine?version=1' })).json().features[0].window, '1d');
  assert.equal((await api.inject({ method: 'GET', url: '/v1/feature-sets/mine' })).json().version, 2);

  const list = (await api.inject({ method: 'GET', url: '/v1/feature-sets' })).json().sets;
  assert.deepEqual(list.map((s: { name: string; builtin: boolean }) => [s.name, s.builtin]), [['demo', true], ['mine', false]]);

  const invalid = await api.inject({ method: 'POST', url: '/v1/feature-sets', payload: { name: 'bad', features: [{ name: 'x', entity: 'device', events: ['login'], aggregation: 'count', window: '1y' }] } });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().error.code, 'FEATURE_SPEC_INVALID');
  assert.equal(invalid.json().error.details.problems[0].code, 'FEATURE_WINDOW_INVALID');
  const check = (await api.inject({ method: 'POST', url: '/v1/feature-sets/validate', payload: { name: 'bad', features: [] } })).json();
  assert.equal(check.valid, false);
  assert.equal(check.problems[0].code, 'FEATURE_SET_EMPTY');

  const clash = await api.inject({ method: 'POST', url: '/v1/feature-sets', payload: { name: 'other', features: [{ ...spec.features[0], name: 'device.sessions.1h' }] } });
  assert.equal(clash.statusCode, 409);
  assert.equal(clash.json().error.code, 'FEATURE_NAME_CONFLICT');
  const builtin = await api.inject({ method: 'DELETE', url: '/v1/feature-sets/demo' });
  assert.equal(builtin.json().error.code, 'FEATURE_SET_CONFLICT');

  assert.equal((await api.inject({ method: 'DELETE', url: '/v1/feature-sets/mine' })).statusCode, 204);
  const gone = await api.inject({ method: 'GET', url: '/v1/feature-sets/mine' });
  assert.equal(gone.statusCode, 404);
  assert.equal(gone.json().error.code, 'FEATURE_SET_NOT_FOUND');
  assert.equal((await api.inject({ method: 'GET', url: '/v1/features/device/device-1' })).json().values['my.device.logins.1d'], undefined);
  await log.close();
});
