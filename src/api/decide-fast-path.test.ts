// The decide fast path must answer exactly as fastify does: every request here goes once over a real socket (where the
// fast path sits) and once through `inject` (fastify alone), and the two answers must match — status, content type,
// body (a decision's id and latency aside). Each case also checks who answered: the fast path calls decide itself and
// never reaches fastify's hooks.
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
    { kind: 'rules', id: 'r', rules: [{ id: 'big', when: 'amount > 10000', action: { type: 'reject' }, reason: 'AMOUNT_HIGH' }] },
    { kind: 'output', id: 'out', creditLimit: 'amount', expose: ['amount'] },
  ],
  edges: [{ from: 'in', to: 'r' }, { from: 'r', to: 'out' }],
};

interface Case {
  readonly name: string;
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
  /** Whether the fast path answers it without fastify (false: fastify does, directly or handed over). */
  readonly fast: boolean;
  readonly status: number;
}

async function setup(apiKeys: Map<string, string> = new Map()) {
  const clock = new FixedClock('2025-02-01T00:00:00Z');
  const eventLog = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('test-secret-0123456789abcdef');
  const ingestor = new Ingestor(eventLog, hasher);
  const decision = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(1), hasher, ingestor });
  decision.catalog.save('default', flow);
  const api = buildApi({ clock, eventLog, ingestor, decision }, { apiKeys, bodyLimit: 4096 });
  let reachedFastify = 0;
  api.addHook('onResponse', (_req, _reply, done) => {
    reachedFastify++;
    done();
  });
  // Decide called from the fast path's own stack (fastify's route and `inject` run it from fastify's).
  let decidedByFastPath = 0;
  const decide = decision.decisions.decide.bind(decision.decisions);
  decision.decisions.decide = (...args) => {
    if (new Error().stack?.includes('decide-fast-path') && !new Error().stack?.includes('fastify')) decidedByFastPath++;
    return decide(...args);
  };
  const address = await api.listen({ host: '127.0.0.1', port: 0 });
  const answers = () => ({ fastify: reachedFastify, fast: decidedByFastPath });
  return { api, address, answers, eventLog, reached: () => reachedFastify, close: () => api.close().then(() => decision.close()) };
}

/** The parts of an answer that must not depend on who gave it. */
function comparable(status: number, contentType: string | undefined, text: string) {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  if (body && typeof body === 'object' && 'decisionId' in body) {
    const { decisionId, latencyMs, ...rest } = body as Record<string, unknown>;
    assert.match(String(decisionId), /^dec_/);
    assert.equal(typeof latencyMs, 'number');
    body = rest;
  }
  return { status, contentType, body };
}

let n = 0;
const envelope = () => JSON.stringify({ ...application(), id: `evt-fast-${++n}` });
const data = () => JSON.stringify({ ...(application().data as Record<string, unknown>), applicationId: `app-fast-${++n}` });

const CASES: Case[] = [
  { name: 'bare data', url: '/v1/decide/loans', body: data(), fast: true, status: 200 },
  { name: 'an envelope, traced', url: '/v1/decide/loans?trace=true', body: envelope(), fast: true, status: 200 },
  { name: 'not appended, not traced', url: '/v1/decide/loans?append=false&trace=false', body: envelope(), fast: true, status: 200 },
  { name: 'JSON with a charset', url: '/v1/decide/loans', body: data(), headers: { 'content-type': 'application/json; charset=utf-8' }, fast: true, status: 200 },
  { name: 'unknown flow', url: '/v1/decide/nope', body: data(), fast: true, status: 404 },
  { name: 'schema violation', url: '/v1/decide/loans', body: JSON.stringify({ applicationId: 'x', requestedAmount: 'lots' }), fast: true, status: 400 },
  { name: 'an array body', url: '/v1/decide/loans', body: '[1,2]', fast: true, status: 400 },
  { name: 'a number body', url: '/v1/decide/loans', body: '42', fast: true, status: 400 },
  { name: 'wrong event type', url: '/v1/decide/loans', body: JSON.stringify({ id: 'e1', type: 'login', time: '2025-01-01T00:00:00Z', data: {} }), fast: true, status: 400 },
  // Handed over once read: fastify's parser decides.
  { name: 'malformed JSON', url: '/v1/decide/loans', body: '{"applicationId": ', fast: false, status: 400 },
  { name: 'a __proto__ key', url: '/v1/decide/loans', body: '{"__proto__": {"x": 1}, "applicationId": "p"}', fast: false, status: 400 },
  { name: 'a constructor key', url: '/v1/decide/loans', body: '{"constructor": {"prototype": {"x": 1}}}', fast: false, status: 400 },
  { name: 'a \\u escape', url: '/v1/decide/loans', body: data().replace('"applicationId"', '"\\u0061pplicationId"'), fast: false, status: 200 },
  { name: 'a byte order mark', url: '/v1/decide/loans', body: `\uFEFF${data()}`, fast: false, status: 200 },
  // Left unread: fastify routes them.
  { name: 'another query', url: '/v1/decide/loans?debug=1', body: data(), fast: false, status: 200 },
  { name: 'a repeated query key', url: '/v1/decide/loans?trace=true&trace=false', body: data(), fast: false, status: 200 },
  { name: 'text/plain', url: '/v1/decide/loans', body: data(), headers: { 'content-type': 'text/plain' }, fast: false, status: 400 },
  { name: 'YAML', url: '/v1/decide/loans', body: 'a: 1', headers: { 'content-type': 'application/yaml' }, fast: false, status: 415 },
  { name: 'too large', url: '/v1/decide/loans', body: JSON.stringify({ applicationId: 'x'.repeat(5000) }), fast: false, status: 413 },
  { name: 'an encoded flow id', url: '/v1/decide/lo%61ns', body: data(), fast: false, status: 200 },
  { name: 'a trailing slash', url: '/v1/decide/loans/', body: data(), fast: false, status: 404 },
  // Fastify's router refuses it before any route (414, coded API_URL_TOO_LONG through frameworkErrors).
  { name: 'a flow id past fastify\'s parameter limit', url: `/v1/decide/${'f'.repeat(101)}`, body: data(), fast: false, status: 414 },
];

test('the decide fast path answers as fastify does, and leaves to fastify what it cannot be sure of', async () => {
  const server = await setup();
  try {
    for (const c of CASES) {
      const headers = { 'content-type': 'application/json', ...c.headers };
      const before = server.answers();
      const wire = await fetch(server.address + c.url, { method: 'POST', headers, body: c.body });
      const overSocket = comparable(wire.status, wire.headers.get('content-type') ?? undefined, await wire.text());
      const after = server.answers();
      const byFastPath = after.fastify === before.fastify && after.fast === before.fast + 1;
      assert.equal(byFastPath, c.fast, `${c.name}: answered by ${c.fast ? 'fastify, not the fast path' : 'the fast path'}`);
      const injected = await server.api.inject({ method: 'POST', url: c.url, headers, payload: c.body });
      assert.deepEqual(overSocket, comparable(injected.statusCode, injected.headers['content-type'] as string | undefined, injected.body), c.name);
      assert.equal(overSocket.status, c.status, `${c.name}: ${JSON.stringify(overSocket.body)}`);
    }
  } finally {
    await server.close();
  }
});

test('API keys: the fast path decides for the key\'s tenant; a missing or unknown key is fastify\'s 401', async () => {
  const server = await setup(new Map([['k-default', 'default'], ['k-other', 'other']]));
  try {
    const ask = async (key: string | undefined) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key) headers.authorization = `Bearer ${key}`;
      const before = server.reached();
      const res = await fetch(`${server.address}/v1/decide/loans`, { method: 'POST', headers, body: data() });
      const body = (await res.json()) as { outcome?: string; error?: { code: string } };
      return { status: res.status, code: body.error?.code ?? body.outcome, viaFastify: server.reached() - before };
    };
    assert.deepEqual(await ask('k-default'), { status: 200, code: 'approve', viaFastify: 0 });
    // The other tenant has no flow "loans": the fast path decided for that tenant, not the default one.
    assert.deepEqual(await ask('k-other'), { status: 404, code: 'DECISION_FLOW_NOT_FOUND', viaFastify: 0 });
    assert.deepEqual(await ask(undefined), { status: 401, code: 'API_KEY_MISSING', viaFastify: 1 });
    assert.deepEqual(await ask('nope'), { status: 401, code: 'API_KEY_INVALID', viaFastify: 1 });
  } finally {
    await server.close();
  }
});

test('a closing server leaves decide to fastify, which refuses new requests', async () => {
  const server = await setup();
  const closed = server.close();
  const res = await fetch(`${server.address}/v1/decide/loans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: data() }).catch(() => null);
  await closed;
  // Either the socket was already shut (no answer) or fastify answered 503 — never a decision.
  if (res) assert.equal(res.status, 503);
});

test('a fast-path decision is durable before it is answered, and what is stored carries no raw identifier', async () => {
  const server = await setup();
  try {
    const raw = application(7) as { data: { applicant: { idNumber: string; phone: string; name: string } } };
    const post = (url: string, body: unknown) =>
      fetch(server.address + url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = server.answers().fast;
    assert.equal((await post('/v1/decide/loans', raw)).status, 200);
    // Answered, so already in the log (the answer waits for the commit).
    assert.equal(await server.eventLog.count('default'), 1);
    assert.equal((await post('/v1/decide/loans?append=false', { ...raw, id: 'evt-not-kept' })).status, 200);
    assert.equal(await server.eventLog.count('default'), 1);
    assert.equal(server.answers().fast - before, 2, 'both answered by the fast path');
    const stored = [...server.eventLog.readSync(0)].map((e) => JSON.stringify(e.event)).join('\n');
    for (const value of [raw.data.applicant.idNumber, raw.data.applicant.phone, raw.data.applicant.name, '13900001111', '203.0.113']) {
      assert.ok(!stored.includes(value), `stored raw ${value}`);
    }
  } finally {
    await server.close();
  }
});

test('a body fastify refuses closes the connection whichever path it came by, as fastify does', async () => {
  const { connect } = await import('node:net');
  const server = await setup();
  const { port } = new URL(server.address);
  // Raw HTTP/1.1 over one socket: the answer's head, and whether the server then ended the connection.
  const exchange = (path: string) => new Promise<{ head: string; ended: boolean }>((resolve, reject) => {
    const body = '{"applicationId": ';
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
    let text = '';
    const timer = setTimeout(() => (socket.destroy(), resolve({ head: text.split('\r\n\r\n')[0], ended: false })), 2000);
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('end', () => (clearTimeout(timer), socket.destroy(), resolve({ head: text.split('\r\n\r\n')[0], ended: true })));
    socket.on('error', reject);
  });
  try {
    const direct = await exchange('/v1/decide/loans?debug=1'); // fastify routes it itself
    const handedOver = await exchange('/v1/decide/loans'); // the fast path reads it, then hands it to fastify
    for (const answer of [direct, handedOver]) {
      assert.match(answer.head, /^HTTP\/1\.1 400/);
      assert.match(answer.head, /\r\nconnection: close/i);
      assert.equal(answer.ended, true);
    }
  } finally {
    await server.close();
  }
});
