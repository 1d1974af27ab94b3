import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { generateWorld, type ApplicantTruth } from '../simulate/index.js';
import type { StoredEvent } from '../store/index.js';
import { buildTrainingMatrix } from './training-matrix.js';
import { writeMatrix } from './matrix-writers.js';

test('outcome labels match the simulated truth: defaults at the missed instalment, paid-off loans censored', async () => {
  const stored: StoredEvent[] = [];
  const truths: ApplicantTruth[] = [];
  for (const item of generateWorld({ applicants: 500, seed: 4, months: 12 })) {
    if (item.kind === 'truth') truths.push(item.truth);
    else stored.push({ offset: stored.length + 1, tenant: 't', time: Date.parse(item.event.time), event: item.event });
  }
  const set = {
    name: 'tm',
    features: [
      { name: 'applicant.applications.180d', entity: 'applicant', events: ['application.submitted'], aggregation: 'count', window: '180d' },
      { name: 'applicant.requested.current', entity: 'applicant', events: ['application.submitted'], aggregation: 'last', field: 'requestedAmount', window: 'rows:1', request: 'include' },
    ],
  } as const;
  const { table } = buildTrainingMatrix({ set, events: stored, tenant: 't' });
  const ids = table.textColumn('application_id');
  const time = table.numericColumn('outcome_time_months');
  const event = table.numericColumn('outcome_event');
  const row = new Map(ids.map((id, i) => [id, i]));
  let defaults = 0, censored = 0;
  for (const truth of truths) {
    for (const loan of truth.loans) {
      const i = row.get(loan.applicationId)!;
      if (loan.chargedOff) {
        assert.equal(event[i], 1, `${loan.loanId} charged off`);
        assert.ok(Math.abs(time[i] - loan.defaultMonth!) < 0.1, `${loan.loanId}: ${time[i]} months vs default month ${loan.defaultMonth}`);
        defaults++;
      } else if (loan.status === 'paid_off' || loan.status === 'prepaid') {
        assert.equal(event[i], 0);
        censored++;
      }
    }
  }
  assert.ok(defaults > 5 && censored > 50, `defaults ${defaults}, censored ${censored}`);
  // The current application's amount is visible (include), and the count excludes it.
  assert.ok(table.numericColumn('applicant.requested.current').every((v) => v > 0));

  const dir = mkdtempSync(join(tmpdir(), 'argus-matrix-'));
  try {
    await writeMatrix(table, join(dir, 'm.csv'));
    await writeMatrix(table, join(dir, 'm.parquet'));
    const csv = readFileSync(join(dir, 'm.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'application_id,applied_at,loan_id,applicant.applications.180d,applicant.requested.current,outcome_time_months,outcome_event');
    assert.equal(csv.length, table.rows + 1);
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'm.parquet')) });
    assert.equal(parquet.length, table.rows);
    const k = row.get(truths.find((t) => t.loans.some((l) => l.chargedOff))!.loans.find((l) => l.chargedOff)!.applicationId)!;
    assert.equal(parquet[k].outcome_event, 1);
    assert.equal(parquet[k].application_id, ids[k]);
    const notBooked = ids.findIndex((_, i) => Number.isNaN(event[i]));
    if (notBooked >= 0) assert.equal(parquet[notBooked].outcome_event, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
