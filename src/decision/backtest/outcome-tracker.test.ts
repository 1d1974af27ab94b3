import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS } from '../../core/index.js';
import type { ArgusEventRecord } from '../../store/index.js';
import { OutcomeTracker } from './outcome-tracker.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const MONTH = 30 * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();
type Fed = [time: number, type: string, data: Record<string, unknown>];
const due = (loanId: string, seq: number, at: number): Fed => [at, 'instalment.due', { loanId, seq, dueDate: iso(at), amountDue: 100 }];
const paid = (loanId: string, seq: number, at: number): Fed => [at, 'repayment.made', { loanId, seq, amount: 100, paidAt: iso(at) }];

function tracker(events: Fed[]): OutcomeTracker {
  const t = new OutcomeTracker();
  for (const [time, type, data] of events) t.apply({ id: `${type}-${time}`, type, time: iso(time), data } as unknown as ArgusEventRecord, time);
  return t;
}

test('the backtest\'s outcome: bad at 30 days past due or charged off, good once an instalment was observed past 30 days, else unknown', () => {
  const t = tracker([
    ...['late', 'off', 'paid', 'young', 'slow'].map((id): Fed => [T0, 'loan.booked', { loanId: id, applicationId: `a-${id}` }]),
    due('late', 1, T0 + MONTH), paid('late', 1, T0 + MONTH + 45 * DAY_MS), // paid, but 45 days late
    due('slow', 1, T0 + MONTH), paid('slow', 1, T0 + MONTH + 29 * DAY_MS), // 29 days late: still good
    [T0 + 10 * DAY_MS, 'loan.closed', { loanId: 'off', reason: 'charged_off' }],
    due('paid', 1, T0 + MONTH), paid('paid', 1, T0 + MONTH), [T0 + MONTH, 'loan.closed', { loanId: 'paid', reason: 'paid_off' }],
    due('young', 1, T0 + 3 * MONTH), // falls due 10 days before the log ends: too early to tell
    [T0 + 3 * MONTH + 10 * DAY_MS, 'login', {}],
  ]);
  assert.equal(t.outcome('a-late'), true);
  assert.equal(t.outcome('a-off'), true, 'charged off before anything fell due');
  assert.equal(t.outcome('a-slow'), false);
  assert.equal(t.outcome('a-paid'), false);
  assert.equal(t.outcome('a-young'), null);
  assert.equal(t.outcome('a-never-booked'), null);
});

test('timelines for survival models: when a loan went bad, else until it closed or the log ended', () => {
  const t = tracker([
    ...['late', 'off', 'paid', 'open'].map((id): Fed => [T0, 'loan.booked', { loanId: id, applicationId: `a-${id}` }]),
    due('late', 1, T0 + MONTH), paid('late', 1, T0 + MONTH),
    due('late', 2, T0 + 2 * MONTH), paid('late', 2, T0 + 2 * MONTH + 45 * DAY_MS),
    due('off', 1, T0 + MONTH), [T0 + 3 * MONTH, 'loan.closed', { loanId: 'off', reason: 'charged_off' }],
    due('paid', 1, T0 + MONTH), paid('paid', 1, T0 + MONTH), [T0 + MONTH + DAY_MS, 'loan.closed', { loanId: 'paid', reason: 'paid_off' }],
    due('open', 1, T0 + MONTH), paid('open', 1, T0 + MONTH),
    [T0 + 5 * MONTH, 'login', {}],
  ]);
  const wentBad = T0 + 2 * MONTH + 30 * DAY_MS;
  assert.deepEqual(t.timeline('a-late'), { badAt: wentBad, observedUntil: wentBad }, 'bad the day its instalment reached 30 days past due');
  const offBad = T0 + MONTH + 30 * DAY_MS;
  assert.deepEqual(t.timeline('a-off'), { badAt: offBad, observedUntil: offBad }, '30 days past due came before the charge-off');
  assert.deepEqual(t.timeline('a-paid'), { badAt: null, observedUntil: T0 + MONTH + DAY_MS }, 'a paid-off loan is observed until it closed');
  assert.deepEqual(t.timeline('a-open'), { badAt: null, observedUntil: T0 + 5 * MONTH }, 'an open loan until the end of the log');
  assert.equal(t.timeline('a-never-booked'), null);
});
