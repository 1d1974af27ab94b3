import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApi } from './build-api.js';
import { systemClock } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { GraphEngine } from '../graph/index.js';
import { application } from '../../test/support/sample-events.js';

async function setup() {
  const eventLog = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const ingestor = new Ingestor(eventLog, hasher);
  const graph = new GraphEngine({ clock: systemClock, hashKey: (raw) => hasher.hash(raw) });
  ingestor.subscribe(graph.listener);
  const api = buildApi({ clock: systemClock, eventLog, ingestor, graph }, { apiKeys: new Map(), bodyLimit: 1 << 20 });
  // Persons 1 and 2 share the work address, the employer and both contacts (see sample-events).
  const res = await api.inject({ method: 'POST', url: '/v1/events', payload: [application(1), application(2)] });
  assert.equal(res.json().appended, 2);
  return { api, hasher };
}

const person1 = '110101199003071001';

test('GET /v1/graph/:type/:key/features answers for a raw or a hashed key, with the applicant features', async () => {
  const { api, hasher } = await setup();
  for (const key of [person1, hasher.hash(person1)]) {
    const res = await api.inject({ method: 'GET', url: `/v1/graph/person/${encodeURIComponent(key)}/features` });
    assert.equal(res.statusCode, 200);
    const f = res.json().features;
    assert.equal(f.persons_1hop, 1);
    assert.equal(f.employer_shared_persons, 1);
    assert.equal(f.degree_contact, 2);
  }
  const phone = await api.inject({ method: 'GET', url: '/v1/graph/phone/13900001111/features' });
  assert.equal(phone.json().features.persons, 2);
});

test('GET /v1/graph/:type/:key/neighborhood returns masked nodes, edges and labels within the hops', async () => {
  const { api } = await setup();
  const res = await api.inject({ method: 'GET', url: `/v1/graph/person/${person1}/neighborhood?hops=2&limit=50` });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.nodes[0].type, 'person');
  assert.ok(body.nodes.some((n: { type: string; hop: number }) => n.type === 'person' && n.hop === 2));
  assert.ok(!JSON.stringify(body).includes(person1), 'no raw identifier in the answer');
  assert.ok(body.edges.every((e: { relation: string }) => typeof e.relation === 'string'));
});

test('graph routes map errors to statuses: unknown node 404, bad query 400, unknown type 400', async () => {
  const { api } = await setup();
  const missing = await api.inject({ method: 'GET', url: '/v1/graph/person/999/features' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'GRAPH_NODE_NOT_FOUND');
  const hops = await api.inject({ method: 'GET', url: `/v1/graph/person/${person1}/neighborhood?hops=9` });
  assert.equal(hops.statusCode, 400);
  assert.equal(hops.json().error.code, 'GRAPH_QUERY_INVALID');
  const type = await api.inject({ method: 'GET', url: '/v1/graph/planet/x/features' });
  assert.equal(type.json().error.code, 'GRAPH_ENTITY_TYPE_UNKNOWN');
  const stats = await api.inject({ method: 'GET', url: '/v1/graph/stats' });
  assert.equal(stats.json().nodesByType.person, 2);
});
