// Renders an EvaluationReport as one self-contained HTML page: inline CSS and SVG charts, no scripts, no CDN,
// so it opens offline and can be archived with the model. Also the plain-text metrics table for terminals.
import type { EvaluationReport, MetricRow } from './evaluation-report.js';
import { esc, lineChart } from '../../charts/index.js';

export function renderHtmlReport(r: EvaluationReport): string {
  const charts: string[] = [
    lineChart({
      title: r.roc.label,
      xLabel: 'false positive rate',
      yLabel: 'true positive rate',
      series: [{ name: metric(r, 'AUC') !== undefined ? `model (AUC ${fmt(metric(r, 'AUC')!)})` : `model (AUC ${fmt(auc(r))} without IPCW)`, points: zip(r.roc.x, r.roc.y) }],
      legend: 'bottom-right',
      xDomain: [0, 1],
      yDomain: [0, 1],
      diagonal: true,
    }),
    lineChart({
      title: `KS curve (max gap ${fmt(r.ksStatistic)})`,
      xLabel: 'share of rows flagged, riskiest first',
      yLabel: 'cumulative share',
      series: [
        { name: r.ksEvents.label, points: zip(r.ksEvents.x, r.ksEvents.y) },
        { name: r.ksNonEvents.label, points: zip(r.ksNonEvents.x, r.ksNonEvents.y) },
      ],
      legend: 'bottom-right',
      xDomain: [0, 1],
      yDomain: [0, 1],
    }),
  ];
  if (r.bands) {
    charts.push(
      lineChart({
        title: 'Kaplan-Meier survival by score band',
        xLabel: 'time',
        yLabel: 'survival',
        series: r.bands.map((b) => ({
          name: `band ${b.band} (${b.rows} rows, ${b.events} events)`,
          step: true,
          points: [[0, 1] as const, ...Array.from(b.curve.times, (t, k) => [t, b.curve.values[k]] as const)],
        })),
        yDomain: [Math.min(...r.bands.flatMap((b) => Array.from(b.curve.values)), 0.9) - 0.02, 1],
        legend: 'bottom-left',
      }),
    );
  }
  const calMax = Math.max(...r.calibration.rows.flatMap((c) => [c.meanPredicted, c.observed]), 0.01) * 1.05;
  charts.push(
    lineChart({
      title: 'Calibration by decile',
      xLabel: 'mean predicted',
      yLabel: 'observed',
      series: [{ name: 'deciles', markers: true, points: r.calibration.rows.map((c) => [c.meanPredicted, c.observed] as const) }],
      xDomain: [0, calMax],
      yDomain: [0, calMax],
      diagonal: true,
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 8px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
.facts td:first-child{color:#666}.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee}
.note{color:#666;font-size:12px}
</style></head><body>
<h1>${esc(r.title)}</h1>
<table class="facts">${r.facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
<h2>Metrics</h2>
<table><tr><th>metric</th><th>value</th><th>how</th></tr>${r.metrics
    .map((m) => `<tr><td>${esc(m.metric)}</td><td class="num">${fmt(m.value)}</td><td class="note">${esc(m.note ?? '')}</td></tr>`)
    .join('')}</table>
<h2>Charts</h2><div class="charts">${charts.join('\n')}</div>
<h2>Calibration table</h2>
<table><tr><th>${esc(r.calibration.label)}</th><th>rows</th><th>mean predicted</th><th>observed</th></tr>${r.calibration.rows
    .map((c) => `<tr><td>${c.group}</td><td class="num">${c.rows}</td><td class="num">${fmt(c.meanPredicted)}</td><td class="num">${fmt(c.observed)}</td></tr>`)
    .join('')}</table>
${r.lift ? liftHtml(r) : ''}
${r.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}
</body></html>
`;
}

/** The metrics as an aligned plain-text table. */
export function formatMetricsTable(rows: readonly MetricRow[]): string {
  const w = Math.max(...rows.map((r) => r.metric.length), 6);
  const lines = [`${'metric'.padEnd(w)}  ${'value'.padStart(8)}  how`, `${'-'.repeat(w)}  ${'-'.repeat(8)}  ---`];
  for (const r of rows) lines.push(`${r.metric.padEnd(w)}  ${fmt(r.value).padStart(8)}  ${r.note ?? ''}`.trimEnd());
  return lines.join('\n');
}

function liftHtml(r: EvaluationReport): string {
  return `<h2>Lift by decile (riskiest first)</h2>
<table><tr><th>group</th><th>rows</th><th>events</th><th>event rate</th><th>lift</th><th>cum. capture</th></tr>${(r.lift ?? [])
    .map(
      (l) =>
        `<tr><td>${l.group}</td><td class="num">${l.rows}</td><td class="num">${l.events}</td><td class="num">${fmt(l.eventRate)}</td><td class="num">${fmt(l.lift)}</td><td class="num">${fmt(l.cumulativeCapture)}</td></tr>`,
    )
    .join('')}</table>`;
}

function metric(r: EvaluationReport, name: string): number | undefined {
  return r.metrics.find((m) => m.metric === name)?.value;
}

/** Trapezoid area under the drawn ROC (used for survival reports, whose table AUC is IPCW-weighted). */
function auc(r: EvaluationReport): number {
  let a = 0;
  for (let k = 1; k < r.roc.x.length; k++) a += ((r.roc.y[k] + r.roc.y[k - 1]) / 2) * (r.roc.x[k] - r.roc.x[k - 1]);
  return a;
}

function zip(x: readonly number[], y: readonly number[]): [number, number][] {
  return x.map((v, k) => [v, y[k]]);
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : String(v);
}
