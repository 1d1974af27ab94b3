// The screening report as files and tables: JSON (with the factory spec, so `argus features select` can rebuild the
// chosen variables with their lineage), CSV for spreadsheets, a fixed-width table for the terminal; and selection:
// the kept variables (best first) with every base variable they need, as a feature set spec the engine can run.
import { writeFileSync } from 'node:fs';
import { RiskError } from '../core/index.js';
import type { FeatureSetSpec } from './feature-spec.js';
import type { FactorySpec } from './factory-spec.js';
import { featureSetFor, generateVariables } from './variable-factory.js';
import type { ScreenReport, ScreenRow } from './variable-screen.js';

export interface ScreenReportFile extends ScreenReport {
  readonly factory: FactorySpec;
}

const COLUMNS = ['rank', 'name', 'iv', 'ks', 'psi', 'missingRate', 'kept', 'dropped', 'correlatedWith', 'correlation'] as const;

export function writeScreenReport(report: ScreenReportFile, path: string): void {
  if (path.endsWith('.csv')) {
    const lines = [COLUMNS.join(',')];
    for (const row of report.variables) lines.push(COLUMNS.map((c) => cell(row[c])).join(','));
    writeFileSync(path, lines.join('\n') + '\n');
  } else {
    writeFileSync(path, JSON.stringify(report, null, 1) + '\n');
  }
}

function cell(v: unknown): string {
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  return typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);
}

export function formatScreenTable(report: ScreenReport, top = 30): string {
  const rows = report.variables.slice(0, top);
  const width = Math.max(8, ...rows.map((r) => r.name.length));
  const num = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : '-').padStart(8);
  const head = `${'rank'.padStart(5)}  ${'variable'.padEnd(width)}  ${'IV'.padStart(8)}  ${'KS'.padStart(8)}  ${'PSI'.padStart(8)}  ${'missing'.padStart(8)}  kept`;
  const lines = rows.map((r: ScreenRow) =>
    `${String(r.rank).padStart(5)}  ${r.name.padEnd(width)}  ${num(r.iv)}  ${num(r.ks)}  ${num(r.psi)}  ${num(r.missingRate, 3)}  ` +
    (r.kept ? 'yes' : r.correlatedWith ? `no (r=${r.correlation!.toFixed(2)} with ${r.correlatedWith})` : r.dropped ? `no (${r.dropped})` : 'no'));
  const summary = `${report.population} applications, ${report.labelled} labelled, ${report.bads} bad within ${report.horizonMonths} months; ` +
    `PSI: before vs from ${report.splitTime}; ${report.variables.filter((v) => v.kept).length} kept ` +
    `(|r| <= ${report.maxCorrelation}, missing <= ${report.maxMissing})`;
  return [summary, head, ...lines].join('\n');
}

/** The best `top` kept variables as a runnable feature set (their base variables included). */
export function selectFromReport(report: ScreenReportFile, top: number, name: string): FeatureSetSpec {
  const chosen = report.variables.filter((v) => v.kept).slice(0, top).map((v) => v.name);
  if (chosen.length === 0) throw new RiskError('FEATURE_SELECTION_EMPTY', 'the report keeps no variable to select', {});
  const { features } = featureSetFor([...generateVariables(report.factory)], chosen);
  return {
    name,
    description: `Selected by argus features select: top ${chosen.length} of ${report.variables.length} screened variables ` +
      `(IV against default within ${report.horizonMonths} months, |r| <= ${report.maxCorrelation}).`,
    features,
  };
}
