import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecisionRecord } from '../decision/index.js';
import Database from 'better-sqlite3';
import { SqliteAuditStore } from './sqlite-audit-store.js';

function record(n: number, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    decisionId: `dec_${String(n).padStart(4, '0')}`, tenant: 't', time: 1_700_000_000_000 + n, slot: 'loans', variant: 'champion',
    releaseId: null, shadowOf: null, flow: { id: 'loans', version: 1 }, models: {},
    event: { id: `e${n}`, time: '2025-01-01T00:00:00Z', applicationId: `app-${n}` },
    inputs: {
      data: { applicant: { phone: 'h:phoneAAAAAAAAAAAAAAAA', idNumber: 'h:idBBBBBBBBBBBBBBBBBBB' }, contacts: [{ phone: 'h:phoneAAAAAAAAAAAAAAAA' }] },
      features: { 'applicant.applications.30d': n }, graph: {},
      lists: { 'phone|h:phoneAAAAAAAAAAAAAAAA': [{ list: 'black', reason: 'fraud', source: 'ops' }] },
    },
    result: { outcome: 'reject', creditLimit: null, price: null, term: null, reasons: [], tags: [], variables: { who: 'h:idBBBBBBBBBBBBBBBBBBB' }, missing: [] },
    latencyMs: 0.1,
    ...extra,
  };
}

test('records are written by the writer thread, masked consistently within a record, and read back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const store = new SqliteAuditStore(join(dir, 'audit.db'), { flushMs: 5, maxBatch: 7 });
  for (let n = 1; n <= 20; n++) store.record(record(n, n === 20 ? { shadowOf: 'dec_0019', variant: 'shadow' } : {}));
  store.flush();
  const one = store.get('t', 'dec_0003')!;
  const phone = (one.inputs.data as { applicant: { phone: string } }).applicant.phone;
  assert.match(phone, /^h:~\d+$/);
  assert.equal((one.inputs.data as { contacts: { phone: string }[] }).contacts[0].phone, phone, 'equal identifiers, equal tokens');
  assert.deepEqual(Object.keys(one.inputs.lists), [`phone|${phone}`], 'list lookup keys use the same tokens');
  assert.notEqual(one.result.variables.who, phone);
  assert.ok(!JSON.stringify(one).includes('AAAAAAAA') && !JSON.stringify(one).includes('BBBBBBBB'));
  assert.equal(store.list('t').length, 19, 'shadows are left out by default');
  assert.equal(store.list('t', { shadows: true }).length, 20);
  assert.deepEqual(store.shadowsOf('t', 'dec_0019').map((r) => r.decisionId), ['dec_0020']);
  assert.equal(store.get('other', 'dec_0003'), undefined, 'tenants are separate');
  await store.close();
  // Durable: a new store over the same file sees everything.
  const again = new SqliteAuditStore(join(dir, 'audit.db'));
  assert.equal(again.list('t', { shadows: true }).length, 20);
  await again.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a record is readable before its batch is written', async () => {
  const store = new SqliteAuditStore(':memory:', { flushMs: 60_000 });
  store.record(record(1));
  assert.equal(store.get('t', 'dec_0001')?.event.applicationId, 'app-1');
  await store.close();
});

test('records are masked at rest alike by the writer thread and in-thread: every keyed hash tokenised, short look-alikes kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const threaded = new SqliteAuditStore(join(dir, 'audit.db'), { flushMs: 5 });
  const inThread = new SqliteAuditStore(':memory:');
  const odd = record(7, {
    inputs: {
      data: { a: 'h:short', b: 'xh:abcdefghij-_Z9 h:abcdefghij', c: ['h:abcdefghij', 'h:KLMNOPQRSTUV'], 'h:abcdefghij': 1 },
      features: {}, graph: {}, lists: {},
    },
  });
  for (const r of [record(1), record(2), odd]) {
    threaded.record(r);
    inThread.record(r);
  }
  for (const id of ['dec_0001', 'dec_0002', 'dec_0007']) {
    const a = threaded.get('t', id)!;
    assert.deepEqual(a, inThread.get('t', id));
    assert.ok(!JSON.stringify(a).includes('abcdefghij') && !JSON.stringify(a).includes('phoneAAAA'));
  }
  assert.equal((threaded.get('t', 'dec_0007')!.inputs.data as { a: string }).a, 'h:short', 'too short to be a keyed hash');
  await threaded.close();
  await inThread.close();
  rmSync(dir, { recursive: true, force: true });
});

test('feature and graph values are stored without their names and read back whole, also by a new store over the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const path = join(dir, 'audit.db');
  const store = new SqliteAuditStore(path, { flushMs: 5, maxBatch: 3 });
  const features = (n: number) => ({ 'applicant.applications.30d': n, 'applicant.repaid_to_due.90d': n % 2 === 0 ? null : n / 10 });
  for (let n = 1; n <= 10; n++) {
    store.record(record(n, { inputs: { ...record(n).inputs, features: features(n), graph: n === 4 ? {} : { 'graph.bad_within_2': n } } }));
  }
  store.flush();
  for (let n = 1; n <= 10; n++) {
    const read = store.get('t', `dec_${String(n).padStart(4, '0')}`)!;
    assert.deepEqual(read.inputs.features, features(n));
    assert.deepEqual(read.inputs.graph, n === 4 ? {} : { 'graph.bad_within_2': n });
  }
  await store.close();
  const db = new Database(path, { readonly: true });
  const bodies = (db.prepare('SELECT body FROM decisions').all() as { body: string }[]).map((r) => r.body);
  assert.equal(bodies.length, 10);
  assert.ok(bodies.every((b) => !b.includes('applicant.applications.30d')), 'names are not repeated in each record');
  assert.equal((db.prepare('SELECT count(*) AS n FROM audit_shapes').get() as { n: number }).n, 2, 'one shape per distinct name list');
  db.close();
  const again = new SqliteAuditStore(path);
  assert.deepEqual(again.list('t').map((r) => r.inputs.features), Array.from({ length: 10 }, (_, i) => features(i + 1)));
  await again.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a record whose shape is gone is a coded error, not values under the wrong names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const path = join(dir, 'audit.db');
  const store = new SqliteAuditStore(path, { flushMs: 5 });
  store.record(record(1));
  await store.close();
  const db = new Database(path);
  db.exec('DELETE FROM audit_shapes');
  db.close();
  const again = new SqliteAuditStore(path);
  assert.throws(() => again.get('t', 'dec_0001'), { code: 'AUDIT_SHAPE_MISSING' });
  await again.close();
  rmSync(dir, { recursive: true, force: true });
});

test('when the writer thread dies, batches in flight and later ones are written in-thread: no record is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const store = new SqliteAuditStore(join(dir, 'audit.db'), { flushMs: 60_000, maxBatch: 4 });
  for (let n = 1; n <= 10; n++) store.record(record(n));
  const writer = (store as unknown as { writer: import('node:worker_threads').Worker }).writer;
  const exited = new Promise((resolve) => writer.once('exit', resolve));
  await writer.terminate();
  await exited;
  for (let n = 11; n <= 20; n++) store.record(record(n));
  assert.deepEqual(store.list('t').map((r) => r.decisionId), Array.from({ length: 20 }, (_, i) => `dec_${String(i + 1).padStart(4, '0')}`));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a batch the file is locked against is retried, and one the writer gives up on is kept and written later: no record is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-'));
  const path = join(dir, 'audit.db');
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `dec_${String(from + i).padStart(4, '0')}`);
  // Another process's writer holding the lock for a moment: the writer thread waits it out.
  const patient = new SqliteAuditStore(path, { flushMs: 1, maxBatch: 3, busyTimeoutMs: 10, retryForMs: 10_000 });
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  for (let n = 1; n <= 10; n++) patient.record(record(n));
  await new Promise((resolve) => setTimeout(resolve, 150));
  other.exec('COMMIT');
  assert.deepEqual(patient.list('t').map((r) => r.decisionId), ids(1, 10));
  await patient.close();
  // Locked for longer than the writer keeps trying: the batches come back, flush reports them, and once the lock is
  // released they are written.
  const store = new SqliteAuditStore(path, { flushMs: 1, maxBatch: 3, busyTimeoutMs: 10, retryForMs: 30 });
  other.exec('BEGIN IMMEDIATE');
  for (let n = 11; n <= 20; n++) store.record(record(n));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const errors: unknown[] = [];
  const logged = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(' '));
  try {
    assert.throws(() => store.flush(), (err: { code: string; details: { records: number } }) => err.code === 'AUDIT_WRITE_FAILED' && err.details.records === 10);
  } finally {
    console.error = logged;
  }
  assert.ok(errors.some((e) => String(e).includes('SQLITE_BUSY')), 'the hand-back is logged with its code');
  other.exec('COMMIT');
  other.close();
  assert.deepEqual(store.list('t').map((r) => r.decisionId), ids(1, 20));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
