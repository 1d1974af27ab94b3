// The side-by-side figures of a backtest: per flow version the approval, review, reject and error rates, the
// reason-code distribution, and where outcomes are known the bad rate of approved and of rejected applicants;
// across versions how often they agree and how outcomes move from the first to each other.
import type { CompiledFlow } from '../compiled-flow.js';
import type { DecisionOutcome } from '../decision-result.js';
import type { BacktestDecision } from './backtest-runner.js';

export interface BacktestColumn {
  readonly flow: { readonly id: string; readonly version: number };
  readonly decisions: number;
  readonly counts: Readonly<Record<DecisionOutcome, number>>;
  readonly approvalRate: number;
  readonly reviewRate: number;
  readonly rejectRate: number;
  readonly errorRate: number;
  /** Share of decisions carrying each reason code (a decision counts once per code), most frequent first. */
  readonly reasons: readonly { readonly code: string; readonly count: number; readonly share: number }[];
  readonly approved: KnownOutcomes;
  readonly rejected: KnownOutcomes;
}

export interface KnownOutcomes {
  /** Decisions of this kind whose outcome is known (the application was booked and observed). */
  readonly known: number;
  readonly bad: number;
  /** bad / known, or null when none is known. */
  readonly badRate: number | null;
}

export interface BacktestReport {
  readonly tenant: string;
  readonly from: number;
  readonly to: number;
  readonly applications: number;
  readonly columns: readonly BacktestColumn[];
  /** For each later column: share of applications with the same outcome as the first, and the outcome moves. */
  readonly comparisons: readonly { readonly versus: number; readonly agreement: number; readonly moves: Readonly<Record<string, number>> }[];
}


export function summarise(tenant: string, flows: readonly CompiledFlow[], decisions: readonly BacktestDecision[], from: number, to: number): BacktestReport {
  const n = decisions.length;
  const rate = (k: number): number => (n === 0 ? 0 : k / n);
  const columns = flows.map((flow, c): BacktestColumn => {
    const counts: Record<DecisionOutcome, number> = { approve: 0, review: 0, reject: 0, error: 0 };
    const reasonCounts = new Map<string, number>();
    const approved = { known: 0, bad: 0 };
    const rejected = { known: 0, bad: 0 };
    for (const d of decisions) {
      const outcome = d.outcomes[c];
      counts[outcome]++;
      for (const code of new Set(d.reasons[c])) reasonCounts.set(code, (reasonCounts.get(code) ?? 0) + 1);
      const bucket = outcome === 'approve' ? approved : outcome === 'reject' ? rejected : null;
      if (bucket && d.bad !== null) {
        bucket.known++;
        if (d.bad) bucket.bad++;
      }
    }
    const reasons = [...reasonCounts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([code, count]) => ({ code, count, share: rate(count) }));
    const known = (k: { known: number; bad: number }): KnownOutcomes => ({ ...k, badRate: k.known === 0 ? null : k.bad / k.known });
    return {
      flow: { id: flow.id, version: flow.version },
      decisions: n,
      counts,
      approvalRate: rate(counts.approve),
      reviewRate: rate(counts.review),
      rejectRate: rate(counts.reject),
      errorRate: rate(counts.error),
      reasons,
      approved: known(approved),
      rejected: known(rejected),
    };
  });
  const comparisons = flows.slice(1).map((_, i) => {
    const c = i + 1;
    const moves: Record<string, number> = {};
    let same = 0;
    for (const d of decisions) {
      if (d.outcomes[0] === d.outcomes[c]) same++;
      else moves[`${d.outcomes[0]}->${d.outcomes[c]}`] = (moves[`${d.outcomes[0]}->${d.outcomes[c]}`] ?? 0) + 1;
    }
    return { versus: c, agreement: rate(same), moves };
  });
  return { tenant, from, to, applications: n, columns, comparisons };
}

/** Share of a column's decisions carrying a reason code (0 when none did). */
export function reasonShare(column: BacktestColumn, code: string): number {
  return column.reasons.find((r) => r.code === code)?.share ?? 0;
}

/** A plain-text side-by-side table of a report. */
export function formatBacktest(report: BacktestReport): string {
  const pct = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  const head = report.columns.map((c) => `${c.flow.id}@${c.flow.version}`);
  const rows: [string, ...string[]][] = [
    ['applications', ...report.columns.map((c) => String(c.decisions))],
    ['approval rate', ...report.columns.map((c) => pct(c.approvalRate))],
    ['review rate', ...report.columns.map((c) => pct(c.reviewRate))],
    ['reject rate', ...report.columns.map((c) => pct(c.rejectRate))],
    ['error rate', ...report.columns.map((c) => pct(c.errorRate))],
    ['bad rate, approved', ...report.columns.map((c) => `${pct(c.approved.badRate)} of ${c.approved.known}`)],
    ['bad rate, rejected', ...report.columns.map((c) => `${pct(c.rejected.badRate)} of ${c.rejected.known}`)],
  ];
  const codes = [...new Set(report.columns.flatMap((c) => c.reasons.slice(0, 8).map((r) => r.code)))];
  for (const code of codes) {
    rows.push([`  ${code}`, ...report.columns.map((c) => pct(reasonShare(c, code)))]);
  }
  const width = [Math.max(20, ...rows.map((r) => r[0].length)), ...head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i + 1].length)))];
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(width[0]) : cell.padStart(width[i]))).join('  ');
  const out = [line(['', ...head]), ...rows.map((r) => line(r))];
  for (const cmp of report.comparisons) {
    const moves = Object.entries(cmp.moves).map(([k, v]) => `${k} ${v}`).join(', ');
    out.push(`agreement ${head[0]} vs ${head[cmp.versus]}: ${pct(cmp.agreement)}${moves ? ` (${moves})` : ''}`);
  }
  return out.join('\n');
}
