import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock, Random } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import type { FeatureReader, FlowDocument } from '../decision/index.js';
import { application } from '../../test/support/sample-events.js';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import { openDecisionEngine } from './decision-wiring.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatOneFlow, FORMAT1_TENANT } from '../../test/fixtures/audit/format1-flow.js';

const T = 'acme';

function flowDoc(id: string, rejectAbove: number, extra: Partial<FlowDocument> = {}): FlowDocument {
  return {
    id,
    variables: { amount: { path: 'requestedAmount' } },
    nodes: [
      { kind: 'input', id: 'in' },
      { kind: 'list', id: 'lists', checks: [{ entityType: 'phone', value: 'app.applicant.phone' }, { entityType: 'phone', value: 'app.contacts.map(c, c.phone)' }] },
      { kind: 'features', id: 'f', names: [{ name: 'applicant.applications.30d', as: 'apps_30d' }] },
      { kind: 'rules', id: 'r', rules: [
        { id: 'amt', when: `amount > ${rejectAbove}`, action: { type: 'reject' }, reason: 'AMOUNT' },
        { id: 'vel', when: 'apps_30d > 2', action: { type: 'review' }, reason: 'VELOCITY', onMissing: 'skip' },
        { id: 'self', when: 'app.applicant.phone in app.contacts.map(c, c.phone)', action: { type: 'review' }, reason: 'SELF_CONTACT' },
      ] },
      { kind: 'output', id: 'out', creditLimit: 'rejected ? 0.0 : amount', expose: ['apps_30d'] },
    ],
    edges: [{ from: 'in', to: 'lists' }, { from: 'lists', to: 'f' }, { from: 'f', to: 'r' }, { from: 'r', to: 'out' }],
    ...extra,
  };
}

/** Counts applications per applicant from the live event feed: a stand-in for the feature engine. */
function countingFeatures(ingestor: Ingestor): FeatureReader {
  const counts = new Map<string, number>();
  ingestor.subscribe((tenant, appended) => {
    for (const { event } of appended) {
      if (event.type !== 'application.submitted') continue;
      const key = `${tenant}|${event.data.applicant.idNumber}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  return { read: (tenant, event, names) => Object.fromEntries(names.map((n) => [n, counts.get(`${tenant}|${(event.data as { applicant: { idNumber: string } }).applicant.idNumber}`) ?? null])) };
}

async function setup() {
  const clock = new FixedClock('2025-03-01T00:00:00Z');
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('a-test-secret-of-enough-length');
  const ingestor = new Ingestor(log, hasher);
  const engine = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(7), hasher, ingestor, features: countingFeatures(ingestor) });
  return { clock, log, hasher, ingestor, engine };
}

test('decide reads features as of the application, appends it, records a masked audit record that replays identically', async () => {
  const { engine, log, clock } = await setup();
  engine.catalog.save(T, flowDoc('loans', 20_000));
  const ids: string[] = [];
  for (let i = 1; i <= 5; i++) {
    clock.advance(60_000);
    // The same applicant four times (velocity), then someone else.
    const body = application(i < 5 ? 1 : 2, { id: `evt-${i}` });
    const r = await engine.decisions.decide(T, 'loans', body, { trace: i === 2 });
    ids.push(r.decisionId);
    assert.equal(r.flow.version, 1);
    assert.equal(r.variant, 'latest');
  }
  assert.equal(await log.count(T), 5);
  // Features are read as of the event, before it is appended: the fourth application sees three earlier ones.
  const third = engine.audit.get(T, ids[3])!;
  assert.equal(third.result.outcome, 'review');
  assert.deepEqual(third.result.reasons.map((x) => x.code), ['VELOCITY']);
  assert.equal(third.inputs.features['applicant.applications.30d'], 3);
  // Identifiers are masked: no keyed hash of the applicant, no raw identifier anywhere in the record.
  const text = JSON.stringify(third);
  assert.ok(!/h:[A-Za-z0-9_-]{10,}/.test(text), text);
  assert.ok(!text.includes('13800001001') && !text.includes('Test Person'), text);
  assert.match(text, /"h:~\d{21}"/, 'tokens as long as the hashes');
  engine.audit.flush();
  for (const id of ids) {
    const report = engine.replay(T, id);
    assert.equal(report.identical, true, JSON.stringify(report.diff));
  }
  await engine.close();
});

test('replay reports a difference when the recorded result does not match what the pinned version computes', async () => {
  const { engine } = await setup();
  engine.catalog.save(T, flowDoc('loans', 20_000));
  const r = await engine.decisions.decide(T, 'loans', application(5));
  engine.audit.flush();
  const record = engine.audit.get(T, r.decisionId)!;
  const tampered = { ...record, result: { ...record.result, outcome: 'reject' as const } };
  const { replayDecision } = await import('../audit/index.js');
  const report = replayDecision(tampered, engine.decisions);
  assert.equal(report.identical, false);
  assert.deepEqual(report.diff, [{ path: '$.outcome', recorded: 'reject', replayed: 'approve' }]);
  assert.equal(riskErrorCode(() => engine.replay(T, 'dec_nope')), 'DECISION_NOT_FOUND');
  await engine.close();
});

test('a shadow version is evaluated and recorded but never changes the returned answer', async () => {
  const { engine } = await setup();
  engine.catalog.save(T, flowDoc('loans', 20_000));
  engine.catalog.save(T, flowDoc('loans', 1)); // version 2 rejects everything
  const bodies = [1, 2, 3, 4, 5, 6].map((n) => application(n, { id: `e${n}` }));
  engine.catalog.release(T, 'loans', { champion: 1 });
  const plain: Awaited<ReturnType<typeof engine.decisions.decide>>[] = [];
  for (const b of bodies.slice(0, 3)) plain.push(await engine.decisions.decide(T, 'loans', structuredClone(b), { append: false }));
  engine.catalog.release(T, 'loans', { champion: 1, shadows: [2] });
  const shadowed: typeof plain = [];
  for (const b of bodies.slice(0, 3)) shadowed.push(await engine.decisions.decide(T, 'loans', structuredClone(b), { append: false }));
  const strip = (r: (typeof plain)[number]) => ({ ...r, decisionId: '', latencyMs: 0 });
  assert.deepEqual(shadowed.map(strip), plain.map(strip));
  assert.ok(shadowed.every((r) => r.outcome === 'approve'));
  for (const r of shadowed) {
    const shadows = engine.audit.shadowsOf(T, r.decisionId);
    assert.equal(shadows.length, 1);
    assert.equal(shadows[0].flow.version, 2);
    assert.equal(shadows[0].variant, 'shadow');
    assert.equal(shadows[0].result.outcome, 'reject');
    assert.equal(engine.replay(T, shadows[0].decisionId).identical, true);
  }
  await engine.close();
});

test('champion / challenger follows the release; roll back releases the previous champion', async () => {
  const { engine } = await setup();
  engine.catalog.save(T, flowDoc('loans', 20_000));
  engine.catalog.save(T, flowDoc('loans', 30_000));
  engine.catalog.save(T, flowDoc('loans', 40_000));
  engine.catalog.release(T, 'loans', { champion: 1 });
  engine.catalog.release(T, 'loans', { champion: 2, challengers: [{ flow: 3, percent: 50 }] });
  const seen = new Map<string, string>();
  for (let n = 1; n <= 60; n++) {
    const r = await engine.decisions.decide(T, 'loans', application(n, { id: `c${n}` }), { append: false });
    seen.set(`${r.variant}@${r.flow.version}`, r.variant);
    // Stable: the same applicant again gets the same version.
    const again = await engine.decisions.decide(T, 'loans', application(n, { id: `d${n}` }), { append: false });
    assert.equal(again.flow.version, r.flow.version);
  }
  assert.deepEqual([...seen.keys()].sort(), ['challenger@3', 'champion@2']);
  const back = engine.catalog.rollback(T, 'loans');
  assert.deepEqual(back.champion, { id: 'loans', version: 1 });
  assert.deepEqual(back.challengers, []);
  const r = await engine.decisions.decide(T, 'loans', application(1, { id: 'z' }), { append: false });
  assert.equal(r.flow.version, 1);
  assert.equal(riskErrorCode(() => engine.catalog.release(T, 'loans', { champion: 9 })), 'DECISION_FLOW_NOT_FOUND');
  await engine.close();
});

test('list import hashes raw identifiers with the ingest key; decisions hit them; list.changed events update lists', async () => {
  const { engine, ingestor, hasher, log } = await setup();
  engine.catalog.save(T, flowDoc('loans', 20_000));
  await engine.lists.add(T, [{ list: 'black', entityType: 'phone', value: '13900001111', reason: 'fraud ring', source: 'investigations' }]);
  const stored = engine.lists.query(T, {});
  assert.equal(stored.length, 1);
  assert.equal(stored[0].value, hasher.hash('13900001111'));
  assert.ok(!JSON.stringify(stored).includes('13900001111'));
  assert.equal(await log.count(T), 1, 'the import was also logged as a list.changed event');
  // application(n) lists 13900001111 as a contact.
  const r = await engine.decisions.decide(T, 'loans', application(9), { append: false });
  assert.equal(r.outcome, 'reject');
  assert.deepEqual(r.reasons.map((x) => x.code), ['LIST_BLACK_PHONE']);
  await ingestor.ingestRecords(T, [{
    id: 'lc-1', type: 'list.changed', time: '2025-03-01T00:00:00Z',
    data: { list: 'black', entityType: 'phone', value: '13900001111', action: 'remove', reason: 'cleared', source: 'ops' },
  }]);
  const after = await engine.decisions.decide(T, 'loans', application(9, { id: 'again' }), { append: false });
  assert.equal(after.outcome, 'approve');
  await engine.close();
});

test('a feature reader that fails makes a coded error outcome, audited and replayable, not an exception', async () => {
  const clock = new FixedClock('2025-03-01T00:00:00Z');
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('a-test-secret-of-enough-length');
  const ingestor = new Ingestor(log, hasher);
  const broken: FeatureReader = { read: async () => { throw new Error('feature store down'); } };
  const engine = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(9), hasher, ingestor, features: broken });
  engine.catalog.save(T, flowDoc('loans', 20_000));
  const r = await engine.decisions.decide(T, 'loans', application(3));
  assert.equal(r.outcome, 'error');
  assert.equal(r.error?.code, 'DECISION_INPUT_UNAVAILABLE');
  assert.equal(await log.count(T), 1, 'the application is still logged');
  assert.equal(engine.replay(T, r.decisionId).identical, true);
  await engine.close();
});

test("a shadow never changes the returned answer, even when a name only it declares cannot be read", async () => {
  const clock = new FixedClock('2025-03-01T00:00:00Z');
  const hasher = new KeyedHasher('a-test-secret-of-enough-length');
  const ingestor = new Ingestor(new SqliteEventLog(':memory:'), hasher);
  // A remote reader without featureNames() that rejects a name it does not serve.
  const remote: FeatureReader = {
    read: async (_t, _e, names) => {
      if (names.includes('new.feature')) throw new Error('unknown feature new.feature');
      return Object.fromEntries(names.map((n) => [n, 3]));
    },
  };
  const engine = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(7), hasher, ingestor, features: remote });
  const apps = { name: 'applicant.applications.30d', as: 'apps_30d' };
  const withNames = (names: { name: string; as: string }[]): FlowDocument => flowDoc('loans', 20_000, {
    nodes: flowDoc('loans', 20_000).nodes.map((n) => (n.kind === 'features' ? { ...n, names } : n)),
  });
  engine.catalog.save(T, withNames([apps]));
  engine.catalog.save(T, withNames([apps, { name: 'new.feature', as: 'new_feature' }]));
  const strip = (r: Awaited<ReturnType<typeof engine.decisions.decide>>) => ({ ...r, decisionId: '', latencyMs: 0 });
  engine.catalog.release(T, 'loans', { champion: 1 });
  const plain = strip(await engine.decisions.decide(T, 'loans', application(4), { append: false }));
  assert.equal(plain.outcome, 'review', 'apps_30d 3 > 2: the champion read its feature');
  engine.catalog.release(T, 'loans', { champion: 1, shadows: [2] });
  const shadowed = await engine.decisions.decide(T, 'loans', application(4), { append: false });
  assert.deepEqual(strip(shadowed), plain);
  engine.audit.flush();
  const [shadow] = engine.audit.shadowsOf(T, shadowed.decisionId);
  assert.equal(shadow.result.outcome, 'error', JSON.stringify(shadow));
  assert.equal(shadow.result.error?.code, 'DECISION_INPUT_UNAVAILABLE');
  assert.match(shadow.result.error?.message ?? '', /new\.feature/);
  assert.equal(engine.replay(T, shadow.decisionId).identical, true);
  assert.equal(engine.replay(T, shadowed.decisionId).identical, true);
  await engine.close();
});

test('rules that order or measure identifiers replay identically: masking keeps their order and length', async () => {
  const { engine } = await setup();
  engine.catalog.save(T, {
    id: 'loans',
    nodes: [{ kind: 'input', id: 'in' }, { kind: 'rules', id: 'r', rules: [
      { id: 'order', when: 'app.contacts[0].phone < app.emergencyContacts[0].phone', action: { type: 'tag', tag: 'before' } },
      { id: 'length', when: 'size(app.applicant.phone) == 24', action: { type: 'tag', tag: 'keyed' } },
      { id: 'same', when: 'app.contacts[0].phone == app.applicant.phone', action: { type: 'review' }, reason: 'SELF_CONTACT' },
    ] }, { kind: 'output', id: 'o' }],
    edges: [{ from: 'in', to: 'r' }, { from: 'r', to: 'o' }],
  });
  const tags = new Set<string>();
  for (let n = 1; n <= 10; n++) {
    const body = application(n) as { data: { contacts: { phone: string }[]; emergencyContacts: { phone: string }[] } };
    body.data.contacts[0].phone = `1390000${1000 + n}`;
    body.data.emergencyContacts[0].phone = `1390000${2000 + n}`;
    const r = await engine.decisions.decide(T, 'loans', body, { append: false });
    tags.add(r.tags.join(','));
    engine.audit.flush();
    const report = engine.replay(T, r.decisionId);
    assert.equal(report.identical, true, JSON.stringify(report.diff));
  }
  assert.deepEqual([...tags].sort(), ['before,keyed', 'keyed'], 'the order rule went both ways');
  await engine.close();
});

test('a decision cut off by its time budget replays as not identical, saying it depends on wall time', async () => {
  // A clock that moves 60 ms at every read: a 50 ms budget is gone by the output node.
  let t = Date.parse('2025-03-01T00:00:00Z');
  const clock = { now: () => (t += 60) };
  const hasher = new KeyedHasher('a-test-secret-of-enough-length');
  const engine = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(3), hasher, ingestor: new Ingestor(new SqliteEventLog(':memory:'), hasher) });
  engine.catalog.save(T, flowDoc('loans', 20_000, { limits: { timeoutMs: 50 } }));
  const r = await engine.decisions.decide(T, 'loans', application(1), { append: false });
  assert.equal(r.error?.code, 'DECISION_TIME_EXCEEDED');
  engine.audit.flush();
  const report = engine.replay(T, r.decisionId);
  assert.equal(report.identical, false);
  assert.equal(report.note?.code, 'AUDIT_REPLAY_TIME_DEPENDENT');
  assert.equal(report.replayed.outcome, 'approve', 'replay runs to the end');
  assert.ok(report.diff?.some((d) => d.path === '$.outcome'), JSON.stringify(report.diff));
  await engine.close();
});

test('records written in format 1 (objects, by an earlier version) still read back as they did and replay identically', async () => {
  // test/fixtures/audit: rows as the code before format 2 wrote them, and those records as it read them back.
  const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/audit/format1-records.json', import.meta.url), 'utf8')) as {
    rows: Record<string, unknown>[]; shapes: Record<string, unknown>[]; records: { decisionId: string; variant: string }[];
  };
  const dir = mkdtempSync(join(tmpdir(), 'argus-format1-'));
  const engine = openDecisionEngine({ dataDir: dir, clock: new FixedClock(0), random: new Random(1), hasher: new KeyedHasher('a-test-secret-of-enough-length') });
  engine.catalog.save(FORMAT1_TENANT, formatOneFlow(20_000));
  engine.catalog.save(FORMAT1_TENANT, formatOneFlow(4_000));
  // A format-2 record beside them: both formats in one table.
  const r = await engine.decisions.decide(FORMAT1_TENANT, 'loans', application(1), { append: false });
  engine.audit.flush();
  const db = new Database(join(dir, 'audit.db'));
  const insert = db.prepare(`INSERT INTO decisions (tenant, id, time, flow_id, flow_version, variant, shadow_of, outcome, application_id, body)
    VALUES (@tenant, @id, @time, @flow_id, @flow_version, @variant, @shadow_of, @outcome, @application_id, @body)`);
  for (const row of fixture.rows) insert.run(row);
  for (const shape of fixture.shapes) db.prepare('INSERT OR IGNORE INTO audit_shapes (id, names) VALUES (@id, @names)').run(shape);
  db.close();
  const read = engine.audit.list(FORMAT1_TENANT, { shadows: true }).filter((x) => x.decisionId !== r.decisionId);
  assert.deepStrictEqual(read, fixture.records);
  assert.ok(fixture.records.some((x) => x.variant === 'shadow'));
  for (const id of [r.decisionId, ...fixture.records.map((x) => x.decisionId)]) {
    const report = engine.replay(FORMAT1_TENANT, id);
    assert.equal(report.identical, true, `${id}: ${JSON.stringify(report.diff)}`);
  }
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});
