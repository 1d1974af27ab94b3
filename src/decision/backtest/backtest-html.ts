// A backtest report as one self-contained HTML page (inline CSS and SVG, no scripts, no CDN), for a risk committee
// to look at rather than read: each version's outcome mix, the bad rates of approved and rejected applicants, the
// reason codes side by side, then the full table and how outcomes move between the first version and the others.
import { barChart, esc, percent, stackedBars } from '../../charts/index.js';
import { reasonShare, type BacktestColumn, type BacktestReport } from './backtest-report.js';

/** Reason codes charted: the most frequent in any version. The table lists more. */
const CHARTED_REASONS = 15;
const TABLED_REASONS = 40;
const OUTCOME_COLORS = ['#2ca02c', '#ff7f0e', '#d62728', '#7f7f7f'];

export function renderBacktestHtml(report: BacktestReport): string {
  const names = report.columns.map(versionName);
  const title = `Backtest: ${names.join(' vs ')}`;
  const charts = [
    stackedBars({
      title: 'Outcome mix',
      segments: ['approve', 'review', 'reject', 'error'],
      colors: OUTCOME_COLORS,
      rows: report.columns.map((c, i) => ({ label: names[i], values: [c.approvalRate, c.reviewRate, c.rejectRate, c.errorRate] })),
    }),
    barChart({
      title: 'Bad rate where the outcome is known',
      xLabel: 'share of known outcomes that went bad',
      series: names,
      groups: [
        { label: 'approved', values: report.columns.map((c) => c.approved.badRate), notes: report.columns.map((c) => `of ${c.approved.known}`) },
        { label: 'rejected', values: report.columns.map((c) => c.rejected.badRate), notes: report.columns.map((c) => `of ${c.rejected.known}`) },
      ],
      format: percent,
    }),
  ];
  const charted = topReasons(report.columns, CHARTED_REASONS);
  if (charted.length > 0) {
    charts.push(barChart({
      title: `Reason codes (the ${charted.length} most frequent)`,
      xLabel: 'share of decisions carrying the code',
      series: names,
      groups: charted.map((code) => ({ label: code, values: report.columns.map((c) => reasonShare(c, code)) })),
      format: percent,
    }));
  }
  const head = `<tr><th></th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr>`;
  const row = (label: string, cells: readonly string[], cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td>${esc(label)}</td>${cells.map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`;
  const rates = [
    row('applications', report.columns.map((c) => String(c.decisions))),
    row('approval rate', report.columns.map((c) => percent(c.approvalRate))),
    row('review rate', report.columns.map((c) => percent(c.reviewRate))),
    row('reject rate', report.columns.map((c) => percent(c.rejectRate))),
    row('error rate', report.columns.map((c) => percent(c.errorRate))),
    row('bad rate, approved', report.columns.map((c) => knownText(c.approved))),
    row('bad rate, rejected', report.columns.map((c) => knownText(c.rejected))),
    ...topReasons(report.columns, TABLED_REASONS).map((code) => row(code, report.columns.map((c) => percent(reasonShare(c, code))), 'reason')),
  ];
  const moves = report.comparisons.map((cmp) => {
    const entries = Object.entries(cmp.moves).sort((a, b) => b[1] - a[1]);
    return `<h3>${esc(names[0])} → ${esc(names[cmp.versus])}: same outcome for ${percent(cmp.agreement)}</h3>` +
      (entries.length === 0
        ? '<p class="note">No application changes outcome.</p>'
        : `<table><tr><th>move</th><th>applications</th></tr>${entries
          .map(([move, n]) => `<tr><td>${esc(move.replace('->', ' → '))}</td><td class="num">${n}</td></tr>`)
          .join('')}</table>`);
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 8px}h3{font-size:14px;margin:16px 0 6px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}tr.reason td:first-child{padding-left:22px}
.facts td:first-child{color:#666}.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee}
.note{color:#666;font-size:12px}
</style></head><body>
<h1>${esc(title)}</h1>
<table class="facts">
<tr><td>tenant</td><td>${esc(report.tenant)}</td></tr>
<tr><td>applications decided</td><td>${report.applications}</td></tr>
<tr><td>application time</td><td>${esc(period(report.from, report.to))}</td></tr>
</table>
<h2>Charts</h2><div class="charts">${charts.join('\n')}</div>
<h2>Side by side</h2>
<table>${head}${rates.join('')}</table>
<p class="note">Reason-code rows: share of decisions carrying the code (a decision counts once per code). Bad rates count
only applications whose outcome is known (booked and observed); "of N" is how many.</p>
${report.comparisons.length > 0 ? `<h2>Agreement with ${esc(names[0])}</h2>${moves.join('\n')}` : ''}
</body></html>
`;
}

function versionName(c: BacktestColumn): string {
  return `${c.flow.id}@${c.flow.version}`;
}

/** Codes ordered by their largest share in any version. */
function topReasons(columns: readonly BacktestColumn[], limit: number): string[] {
  const best = new Map<string, number>();
  for (const c of columns) for (const r of c.reasons) best.set(r.code, Math.max(best.get(r.code) ?? 0, r.share));
  return [...best.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([code]) => code);
}

function knownText(k: BacktestColumn['approved']): string {
  return k.badRate === null ? `n/a of ${k.known}` : `${percent(k.badRate)} of ${k.known}`;
}

function period(from: number, to: number): string {
  const start = from <= 0 ? 'start of the log' : new Date(from).toISOString();
  const end = to >= Number.MAX_SAFE_INTEGER ? 'end of the log' : new Date(to).toISOString();
  return `${start} to ${end} (end exclusive)`;
}
