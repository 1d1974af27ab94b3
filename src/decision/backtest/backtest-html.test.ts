import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BacktestColumn, BacktestReport } from './backtest-report.js';
import { renderBacktestHtml } from './backtest-html.js';

function column(version: number, approve: number, reasons: [string, number][], approvedBad: number | null): BacktestColumn {
  const decisions = 200;
  return {
    flow: { id: 'loans<beta>', version }, decisions,
    counts: { approve: approve * decisions, review: 0, reject: (1 - approve) * decisions, error: 0 },
    approvalRate: approve, reviewRate: 0, rejectRate: 1 - approve, errorRate: 0,
    reasons: reasons.map(([code, share]) => ({ code, count: share * decisions, share })),
    approved: { known: approvedBad === null ? 0 : 100, bad: approvedBad === null ? 0 : approvedBad * 100, badRate: approvedBad },
    rejected: { known: 20, bad: 5, badRate: 0.25 },
  };
}

const report: BacktestReport = {
  tenant: 'acme', from: 0, to: Number.MAX_SAFE_INTEGER, applications: 200,
  columns: [column(1, 0.6, [['VEL_MANY_APPS', 0.3], ['LIST_BLACK_PHONE', 0.05]], 0.08), column(2, 0.7, [['VEL_MANY_APPS', 0.2]], null)],
  comparisons: [{ versus: 1, agreement: 0.9, moves: { 'reject->approve': 20 } }],
};

test('the HTML backtest report charts every version and reason code, and tables the figures', () => {
  const html = renderBacktestHtml(report);
  assert.equal((html.match(/<svg /g) ?? []).length, 3, 'outcome mix, bad rates, reason codes');
  for (const text of ['loans&lt;beta&gt;@1', 'loans&lt;beta&gt;@2', 'VEL_MANY_APPS', 'LIST_BLACK_PHONE', '60.0%', '70.0%', '8.0% of 100', 'n/a of 0',
    'reject → approve', 'same outcome for 90.0%', 'start of the log to end of the log']) {
    assert.ok(html.includes(text), text);
  }
  assert.ok(!html.includes('<beta>'), 'flow ids are escaped');
  assert.ok(!/<script/i.test(html), 'no scripts: the page opens offline and runs nothing');
});

test('a single version has no agreement section, and no reason chart when no reason was given', () => {
  const html = renderBacktestHtml({ ...report, columns: [column(1, 1, [], 0.1)], comparisons: [] });
  assert.equal((html.match(/<svg /g) ?? []).length, 2);
  assert.ok(!html.includes('Agreement with'));
});
