import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApi } from './build-api.js';
import { FixedClock, Random } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { openDecisionEngine } from '../app/decision-wiring.js';
import type { FlowDocument } from '../decision/index.js';
import { application } from '../../test/support/sample-events.js';

const flow: FlowDocument = {
  id: 'loans',
  variables: { amount: { path: 'requestedAmount' } },
  nodes: [
    { kind: 'input', id: 'in' },
    { kind: 'list', id: 'lists', checks: [{ entityType: 'phone', value: 'app.applicant.phone' }] },
    { kind: 'rules', id: 'r', rules: [{ id: 'big', when: 'amount > 10000', action: { type: 'reject' }, reason: 'AMOUNT_HIGH' }] },
    { kind: 'output', id: 'out', creditLimit: 'amount' },
  ],
  edges: [{ from: 'in', to: 'lists' }, { from: 'lists', to: 'r' }, { from: 'r', to: 'out' }],
};

function setup(apiKeys: Map<string, string> = new Map()) {
  const clock = new FixedClock('2025-02-01T00:00:00Z');
  const eventLog = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const ingestor = new Ingestor(eventLog, hasher);
  const decision = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(1), hasher, ingestor });
  const api = buildApi({ clock, eventLog, ingestor, decision }, { apiKeys, bodyLimit: 1 << 20 });
  return { api, eventLog, decision };
}

test('flows: validation errors come back coded with every problem and its node; saving makes versions', async () => {
  const { api } = setup();
  const bad = { ...flow, nodes: [...flow.nodes, { kind: 'rules', id: 'orphan', rules: [{ id: 'x', when: 'nope > 1', action: { type: 'reject' } }] }] };
  const invalid = await api.inject({ method: 'POST', url: '/v1/flows', payload: bad });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().error.code, 'FLOW_INVALID');
  const problems = invalid.json().error.details.problems as { code: string; node: string }[];
  assert.deepEqual(problems.map((p) => `${p.code}@${p.node}`).sort(), ['EXPRESSION_VARIABLE_UNDEFINED@orphan', 'FLOW_NODE_DEAD_END@orphan', 'FLOW_NODE_UNREACHABLE@orphan']);
  const checked = await api.inject({ method: 'POST', url: '/v1/flows/validate', payload: bad });
  assert.equal(checked.json().valid, false);
  const created = await api.inject({ method: 'POST', url: '/v1/flows', payload: flow });
  assert.equal(created.statusCode, 201);
  assert.deepEqual([created.json().id, created.json().version], ['loans', 1]);
  const v2 = await api.inject({ method: 'PUT', url: '/v1/flows/loans', payload: { ...flow, name: 'second' } });
  assert.equal(v2.json().version, 2);
  const listed = await api.inject({ method: 'GET', url: '/v1/flows' });
  assert.deepEqual(listed.json().flows.map((f: { id: string; latestVersion: number }) => [f.id, f.latestVersion]), [['loans', 2]]);
  assert.equal((await api.inject({ method: 'GET', url: '/v1/flows/loans/versions/1' })).json().document.name, undefined);
  assert.equal((await api.inject({ method: 'GET', url: '/v1/flows/nope' })).statusCode, 404);
});

test('malformed flow documents answer 400 FLOW_INVALID with coded problems, never 500', async () => {
  const { api } = setup();
  const around = (node: unknown) => ({
    id: 'bad', nodes: [{ kind: 'input', id: 'in' }, node, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: 'n' }, { from: 'n', to: 'o', ...((node as { kind?: string })?.kind === 'switch' ? { branch: 'd' } : {}) }],
  });
  const bodies = [
    around({ kind: 'switch', id: 'n', cases: [null], default: 'd' }),
    around({ kind: 'features', id: 'n', names: [null] }),
    around({ kind: 'table', id: 'n', inputs: [{ name: 'x', value: '1.0' }], outputs: { a: 'nonsense' }, rows: [{ when: ['-'], then: { a: '1.0' } }] }),
    around({ kind: 'rules', id: 'n', mode: { toString: 'x' }, rules: [] }),
    around({ kind: 'subflow', id: 'n', flow: { id: 'x' }, version: 'x' }),
  ];
  for (const body of bodies) {
    const saved = await api.inject({ method: 'POST', url: '/v1/flows', payload: body });
    assert.equal(saved.statusCode, 400, saved.body);
    assert.equal(saved.json().error.code, 'FLOW_INVALID');
    assert.ok(saved.json().error.details.problems.some((p: { node?: string }) => p.node === 'n'), saved.body);
    const checked = await api.inject({ method: 'POST', url: '/v1/flows/validate', payload: body });
    assert.equal(checked.statusCode, 200);
    assert.equal(checked.json().valid, false);
  }
});

test('release bodies of the wrong shape and bad query numbers answer coded 400s, never 500 or a lookup of "undefined"', async () => {
  const { api } = setup();
  await api.inject({ method: 'POST', url: '/v1/flows', payload: flow });
  const bad: unknown[] = [
    { champion: 'x' }, { champion: 1, shadows: 'x' }, { champion: 1, shadows: [0] }, { champion: 1, challengers: [null] }, { champion: 1, challengers: 'x' },
    { champion: { id: 'loans' } }, { champion: 1.5 }, {}, [1], { champion: 1, note: 5 },
  ];
  for (const payload of bad) {
    const res = await api.inject({ method: 'POST', url: '/v1/flows/loans/releases', payload: payload as object });
    assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
    assert.equal(res.json().error.code, 'DECISION_RELEASE_INVALID');
  }
  assert.equal((await api.inject({ method: 'POST', url: '/v1/flows/loans/releases', payload: { champion: 99 } })).statusCode, 404);
  assert.equal((await api.inject({ method: 'POST', url: '/v1/flows/loans/releases', payload: { champion: { id: 'loans', version: 1 }, shadows: [1] } })).statusCode, 201);

  for (const url of ['/v1/decisions?limit=abc', '/v1/decisions?limit=0', '/v1/decisions?limit=-5', '/v1/decisions?limit=1.5', '/v1/decisions?outcome=maybe', '/v1/lists?limit=-5', '/v1/lists?offset=-1', '/v1/lists?limit=x', '/v1/decisions?limit=0x10', '/v1/decisions?limit=1e2']) {
    const res = await api.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.equal(res.json().error.code, 'API_QUERY_INVALID', url);
  }
  assert.equal((await api.inject({ method: 'GET', url: '/v1/decisions?limit=1&outcome=approve' })).statusCode, 200);
  assert.equal((await api.inject({ method: 'GET', url: '/v1/lists?limit=10&offset=0' })).statusCode, 200);
});

test('decide takes an envelope or bare data, answers with id, outcome, reasons, latency; the record and its replay are served', async () => {
  const { api, eventLog } = setup();
  await api.inject({ method: 'POST', url: '/v1/flows', payload: flow });
  const release = await api.inject({ method: 'POST', url: '/v1/flows/loans/releases', payload: { champion: 1 } });
  assert.equal(release.statusCode, 201);
  const envelope = application(1, { data: { ...(application(1).data as object), requestedAmount: 20000 } });
  const rejected = await api.inject({ method: 'POST', url: '/v1/decide/loans', payload: envelope });
  assert.equal(rejected.statusCode, 200);
  const body = rejected.json();
  assert.equal(body.outcome, 'reject');
  assert.deepEqual(body.reasons, [{ code: 'AMOUNT_HIGH', node: 'r', item: 'big' }]);
  assert.equal(body.variant, 'champion');
  assert.equal(typeof body.latencyMs, 'number');
  assert.match(body.decisionId, /^dec_/);
  const bare = await api.inject({ method: 'POST', url: '/v1/decide/loans?trace=true', payload: application(2).data as object });
  assert.equal(bare.json().outcome, 'approve');
  assert.equal(bare.json().creditLimit, 5000);
  assert.ok(Array.isArray(bare.json().trace));
  assert.equal(await eventLog.count(), 2, 'both applications were appended');

  const record = await api.inject({ method: 'GET', url: `/v1/decisions/${body.decisionId}` });
  assert.equal(record.statusCode, 200);
  assert.equal(record.json().flow.version, 1);
  assert.ok(!JSON.stringify(record.json()).includes('13800001001'));
  const replay = await api.inject({ method: 'GET', url: `/v1/decisions/${body.decisionId}/replay` });
  assert.equal(replay.json().identical, true);
  assert.equal((await api.inject({ method: 'GET', url: '/v1/decisions/dec_missing/replay' })).json().error.code, 'DECISION_NOT_FOUND');

  const invalid = await api.inject({ method: 'POST', url: '/v1/decide/loans', payload: { applicationId: 'x' } });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().error.code, 'INGEST_EVENT_INVALID');
  assert.ok(invalid.json().error.details.path.startsWith('$.data'));
  const unknown = await api.inject({ method: 'POST', url: '/v1/decide/nothing', payload: application(3) });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().error.code, 'DECISION_FLOW_NOT_FOUND');
});

test('lists: bulk import of raw values (NDJSON) stores only hashes, and decisions hit them', async () => {
  const { api, eventLog } = setup();
  await api.inject({ method: 'POST', url: '/v1/flows', payload: flow });
  const imported = await api.inject({
    method: 'POST', url: '/v1/lists/import', headers: { 'content-type': 'application/x-ndjson' },
    payload: [
      { list: 'black', entityType: 'phone', value: '13800001007', reason: 'confirmed fraud', source: 'ops' },
      { list: 'grey', entityType: 'phone', value: '13800001008', reason: 'disputed', expiresAt: '2030-01-01T00:00:00Z' },
    ].map((e) => JSON.stringify(e)).join('\n'),
  });
  assert.equal(imported.statusCode, 201);
  assert.deepEqual(imported.json(), { added: 2, updated: 0 });
  const entries = (await api.inject({ method: 'GET', url: '/v1/lists' })).json().entries;
  assert.equal(entries.length, 2);
  assert.ok(entries.every((e: { value: string }) => e.value.startsWith('h:')));
  assert.ok(!JSON.stringify(entries).includes('1380000100'));
  const byValue = (await api.inject({ method: 'GET', url: '/v1/lists?value=13800001007' })).json().entries;
  assert.equal(byValue.length, 1);
  const hit = await api.inject({ method: 'POST', url: '/v1/decide/loans', payload: application(7) });
  assert.equal(hit.json().outcome, 'reject');
  assert.equal(hit.json().reasons[0].code, 'LIST_BLACK_PHONE');
  const bad = await api.inject({ method: 'POST', url: '/v1/lists', payload: [{ list: 'purple', entityType: 'phone', value: '1', reason: 'x' }] });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'LIST_ENTRY_INVALID');
  const before = await eventLog.count();
  const removed = await api.inject({ method: 'DELETE', url: `/v1/lists/entries/${entries[0].id}` });
  assert.equal(removed.statusCode, 204);
  assert.equal(await eventLog.count(), before + 1, 'the removal is appended as a list.changed event');
  assert.equal((await api.inject({ method: 'DELETE', url: `/v1/lists/entries/${entries[0].id}` })).json().error.code, 'LIST_ENTRY_NOT_FOUND');
});

test('tenants are separate and the OpenAPI document is served without a key', async () => {
  const { api } = setup(new Map([['ka', 'alpha'], ['kb', 'beta']]));
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  await api.inject({ method: 'POST', url: '/v1/flows', payload: flow, headers: auth('ka') });
  const a = await api.inject({ method: 'POST', url: '/v1/decide/loans', payload: application(1), headers: auth('ka') });
  assert.equal(a.statusCode, 200);
  const b = await api.inject({ method: 'POST', url: '/v1/decide/loans', payload: application(1), headers: auth('kb') });
  assert.equal(b.json().error.code, 'DECISION_FLOW_NOT_FOUND');
  const peek = await api.inject({ method: 'GET', url: `/v1/decisions/${a.json().decisionId}`, headers: auth('kb') });
  assert.equal(peek.statusCode, 404);
  const doc = await api.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(doc.statusCode, 200);
  assert.equal(doc.json().openapi, '3.1.0');
  assert.ok(doc.json().paths['/v1/decide/{flow}'].post);
});

test('flows may be sent and read as YAML; an unreadable YAML body is a coded 400', async () => {
  const { api } = setup();
  const yaml = [
    '# reject big amounts',
    'id: loans-yaml',
    'variables: { amount: { path: requestedAmount } }',
    'nodes:',
    '  - { kind: input, id: in }',
    '  - { kind: rules, id: r, rules: [{ id: big, when: "amount > 10000", action: { type: reject }, reason: AMOUNT_HIGH }] }',
    '  - { kind: output, id: out, creditLimit: amount }',
    'edges: [{ from: in, to: r }, { from: r, to: out }]',
  ].join('\n');
  const headers = { 'content-type': 'application/yaml' };
  const valid = await api.inject({ method: 'POST', url: '/v1/flows/validate', headers, payload: yaml });
  assert.deepEqual(valid.json(), { valid: true, problems: [] });
  const saved = await api.inject({ method: 'POST', url: '/v1/flows', headers, payload: yaml });
  assert.equal(saved.statusCode, 201);
  assert.equal(saved.json().id, 'loans-yaml');
  const asYaml = await api.inject({ method: 'GET', url: '/v1/flows/loans-yaml', headers: { accept: 'application/yaml' } });
  assert.match(asYaml.headers['content-type'] as string, /^application\/yaml/);
  assert.match(asYaml.body, /^id: loans-yaml$/m);
  const asJson = await api.inject({ method: 'GET', url: '/v1/flows/loans-yaml/versions/1' });
  assert.equal(asJson.json().document.nodes[1].rules[0].when, 'amount > 10000');
  const broken = await api.inject({ method: 'POST', url: '/v1/flows', headers, payload: 'id: a\nid: b\n' });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error.code, 'FLOW_DOCUMENT_UNREADABLE');
  assert.equal(broken.json().error.details.line, 2);
  const event = await api.inject({ method: 'POST', url: '/v1/events', headers, payload: 'id: e1\ntype: login\n' });
  assert.equal(event.statusCode, 415, 'YAML is for flows only');
  assert.equal(event.json().error.code, 'API_MEDIA_UNSUPPORTED');
});

test('URLs the router refuses before any route answer coded errors: a flow id past 100 characters 414, a broken escape 400', async () => {
  const { api } = setup();
  const long = await api.inject({ method: 'POST', url: `/v1/decide/${'f'.repeat(101)}`, payload: application(1) });
  assert.equal(long.statusCode, 414);
  assert.equal(long.json().error.code, 'API_URL_TOO_LONG');
  const broken = await api.inject({ method: 'GET', url: '/v1/flows/%E0%A4%A' });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error.code, 'API_URL_INVALID');
});
