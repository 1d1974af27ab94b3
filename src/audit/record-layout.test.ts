import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DecisionRecord } from '../decision/index.js';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import { RECORD_FORMAT } from './record-layout.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

/** A record with every optional field, and one without any. */
const full: DecisionRecord = {
  decisionId: 'dec_0001', tenant: 't', time: 1_700_000_000_123, slot: 'loans', variant: 'shadow', releaseId: 'rel_1', shadowOf: 'dec_0000',
  flow: { id: 'loans', version: 3 }, models: { pd: 2 },
  event: { id: 'e1', time: '2025-01-01T00:00:00.000Z', applicationId: 'app-1' },
  inputs: {
    data: { applicant: { phone: 'h:phoneAAAAAAAAAAAAAAAA' }, amount: 5000, channel: 'app', nested: [{ x: null }] },
    features: { 'applicant.applications.30d': 3, 'applicant.repaid_to_due.90d': null }, graph: { 'graph.bad_within_2': 0.25 },
    lists: { 'phone|h:phoneAAAAAAAAAAAAAAAA': [{ list: 'black', reason: 'fraud', source: 'ops' }] },
    unavailable: { code: 'FEATURES_DOWN', message: 'inputs could not be read: down' },
  },
  result: {
    outcome: 'review', creditLimit: 0, price: 0.215, term: 12,
    reasons: [
      { code: 'LIST_BLACK_PHONE', node: 'lists', item: 'phone', tier: 3, weight: 1 },
      { code: 'AMOUNT', node: 'r', tier: 2, weight: 0.30000000000000004 },
    ],
    tags: ['thin-file'], variables: { score: 560, band: 'D', none: null },
    missing: [
      { node: 'r', item: 'vel', variable: 'apps_30d', policy: 'skip' },
      { node: 'model', variable: 'repaid', policy: 'model' },
    ],
    error: { code: 'DECISION_VALUE_MISSING', message: 'x', node: 'r', item: 'vel' },
    output: 'out',
    trace: [{ node: 'r', kind: 'rules', detail: { hit: ['vel'] } }],
  },
  latencyMs: 0.123456789,
};
const bare: DecisionRecord = {
  ...full, decisionId: 'dec_0002', variant: 'champion', releaseId: null, shadowOf: null, models: {},
  inputs: { data: {}, features: {}, graph: {}, lists: {} },
  result: { outcome: 'approve', creditLimit: null, price: null, term: null, reasons: [], tags: [], variables: {}, missing: [] },
};

test('format 2 stores a record by position without what the index columns hold, and reads it back key for key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-layout-'));
  const path = join(dir, 'audit.db');
  for (const store of [new SqliteAuditStore(path, { flushMs: 5 }), new SqliteAuditStore(':memory:')]) {
    store.record(full);
    store.record(bare);
    const back = store.get('t', 'dec_0001')!;
    const phone = (back.inputs.data as { applicant: { phone: string } }).applicant.phone;
    assert.match(phone, /^h:~\d+$/, 'masked');
    const unmasked = JSON.parse(JSON.stringify(back).replaceAll(phone, 'h:phoneAAAAAAAAAAAAAAAA')) as DecisionRecord;
    assert.deepStrictEqual(unmasked, full);
    assert.deepStrictEqual(store.get('t', 'dec_0002'), bare);
    assert.deepEqual(Object.keys(store.get('t', 'dec_0002')!.result), ['outcome', 'creditLimit', 'price', 'term', 'reasons', 'tags', 'variables', 'missing'],
      'absent optional fields stay absent');
    await store.close();
  }
  const db = new Database(path, { readonly: true });
  const body = (db.prepare("SELECT body FROM decisions WHERE id = 'dec_0001'").get() as { body: string }).body;
  db.close();
  const stored = JSON.parse(body) as unknown[];
  assert.equal(stored[0], RECORD_FORMAT);
  for (const column of ['dec_0001', 'dec_0000', 'app-1', '"review"', '"shadow"']) assert.ok(!body.includes(column), `${column} is a column, not in the body`);
  assert.ok(!body.includes('"code":"LIST_BLACK_PHONE"') && !body.includes('"policy"'), 'reasons and missing reads flat');
  rmSync(dir, { recursive: true, force: true });
});

test('a body of a format this version does not know is a coded error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-layout-'));
  const path = join(dir, 'audit.db');
  const store = new SqliteAuditStore(path, { flushMs: 5 });
  store.record(bare);
  store.flush();
  const db = new Database(path);
  db.prepare("UPDATE decisions SET body = '[3, \"later\"]'").run();
  db.close();
  assert.equal(riskErrorCode(() => store.get('t', 'dec_0002')), 'AUDIT_RECORD_FORMAT_UNKNOWN');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
