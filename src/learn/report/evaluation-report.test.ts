import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../core/index.js';
import { buildBinaryReport, buildSurvivalReport } from './evaluation-report.js';
import { formatMetricsTable, renderHtmlReport } from './html-report.js';

function binaryData(n: number) {
  const r = new Random('report-binary');
  const prob = new Float64Array(n);
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    prob[i] = r.next();
    label[i] = r.chance(prob[i] * 0.5) ? 1 : 0;
  }
  return { prob, label };
}

test('binary report: metrics table, ROC from (0,0) to (1,1), KS curves over the population, ten deciles', () => {
  const report = buildBinaryReport({ title: 'test', facts: [['model', 'm.json']], ...binaryData(2000) });
  assert.deepEqual(report.metrics.map((m) => m.metric).slice(0, 3), ['AUC', 'Gini', 'KS']);
  assert.equal(report.roc.x[0], 0);
  assert.equal(report.roc.x[report.roc.x.length - 1], 1);
  assert.equal(report.ksEvents.x[report.ksEvents.x.length - 1], 1);
  assert.equal(report.calibration.rows.length, 10);
  const text = formatMetricsTable(report.metrics);
  assert.match(text, /^AUC\s+0\.\d{4}/m);
});

test('html report is self-contained: inline SVG charts, no scripts and no external resources', () => {
  const html = renderHtmlReport(buildBinaryReport({ title: 'a <b> & c', facts: [], ...binaryData(500) }));
  assert.equal((html.match(/<svg /g) ?? []).length, 3);
  assert.ok(!/<script|\bsrc=|<link|href=/i.test(html));
  assert.ok(html.includes('a &lt;b&gt; &amp; c'));
});

test('survival report adds Kaplan-Meier curves by score band and per-horizon metrics', () => {
  const r = new Random('report-survival');
  const n = 600;
  const risk = new Float64Array(n);
  const time = new Float64Array(n);
  const event = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    risk[i] = r.normal();
    const t = r.exponential(0.05 * Math.exp(risk[i]));
    const c = r.exponential(0.02);
    time[i] = Math.max(1, Math.ceil(Math.min(t, c, 36)));
    event[i] = t <= c && t <= 36 ? 1 : 0;
  }
  const grid = [6, 12, 18, 24];
  const survival = grid.map((g) => Float64Array.from(risk, (x) => Math.exp(-0.05 * g * Math.exp(x))));
  const report = buildSurvivalReport({
    title: 'surv',
    facts: [],
    predictions: { risk, grid, survival },
    outcomes: { time, event },
    options: { horizons: [12, 24] },
  });
  assert.equal(report.bands?.length, 5);
  assert.ok(report.metrics.some((m) => m.metric === 'AUC(24)'));
  const c = report.metrics.find((m) => m.metric === "Harrell's C")!.value;
  assert.ok(c > 0.6, `a true-risk model should rank well, got ${c}`);
  assert.equal((renderHtmlReport(report).match(/<svg /g) ?? []).length, 4);
});
