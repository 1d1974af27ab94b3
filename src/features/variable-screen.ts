// Screens computed variables against outcomes: missing rate, information value and KS against "defaulted within
// the horizon", PSI between an earlier and a later time slice, then a ranking by IV and greedy correlation pruning
// (a variable is kept unless it correlates above the limit with one already kept). Column at a time: only the
// candidates for pruning are held, as 32-bit copies.
import { informationValue, ksStatistic, outcomeCountsByBin, pearson, psiOfSamples, quantileBins } from '../stats/index.js';
import type { FactoryMatrix } from './factory-matrix.js';

export interface ScreenOptions {
  /** "Bad" = defaulted within this many months of booking (default 6). Rows censored earlier are not labelled. */
  readonly horizonMonths?: number;
  /** Rows applied before this time (ms) form the earlier PSI slice; default: the median application time. */
  readonly splitTime?: number;
  /** Largest |correlation| with an already kept variable (default 0.9). */
  readonly maxCorrelation?: number;
  /** How many variables to keep (default 100). */
  readonly keep?: number;
  /** Variables missing on a larger share of applications are ranked but not kept (default 0.95). */
  readonly maxMissing?: number;
  readonly bins?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScreenRow {
  readonly name: string;
  rank: number;
  readonly missingRate: number;
  readonly iv: number;
  readonly ks: number;
  readonly psi: number;
  kept: boolean;
  /** Why it was not kept: 'correlated', 'missing' (above maxMissing) or 'uninformative' (IV 0 or unknown). */
  dropped?: 'correlated' | 'missing' | 'uninformative';
  correlatedWith?: string;
  correlation?: number;
}

export interface ScreenReport {
  readonly population: number;
  readonly labelled: number;
  readonly bads: number;
  readonly horizonMonths: number;
  readonly splitTime: string;
  readonly maxCorrelation: number;
  readonly maxMissing: number;
  readonly variables: ScreenRow[];
}

export function labelsFor(matrix: FactoryMatrix, horizonMonths: number): Float64Array {
  const y = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    const t = matrix.outcomeTime[r];
    const e = matrix.outcomeEvent[r];
    y[r] = e === 1 && t <= horizonMonths ? 1 : t >= horizonMonths ? 0 : NaN;
  }
  return y;
}

export function screenVariables(matrix: FactoryMatrix, names: readonly string[], options: ScreenOptions = {}): ScreenReport {
  const horizon = options.horizonMonths ?? 6;
  const bins = options.bins ?? 10;
  const maxCorrelation = options.maxCorrelation ?? 0.9;
  const keep = options.keep ?? 100;
  const maxMissing = options.maxMissing ?? 0.95;
  const labels = labelsFor(matrix, horizon);
  const labelled: number[] = [];
  for (let r = 0; r < matrix.rows; r++) if (labels[r] === labels[r]) labelled.push(r);
  const y = Float64Array.from(labelled, (r) => labels[r]);
  const split = options.splitTime ?? median(matrix.times);
  const early: number[] = [];
  const late: number[] = [];
  for (let r = 0; r < matrix.rows; r++) (matrix.times[r] < split ? early : late).push(r);
  const bads = y.reduce((s, v) => s + v, 0);

  const rows: ScreenRow[] = names.map((name, i) => {
    const column = matrix.column(name);
    options.onProgress?.(i + 1, names.length);
    let missing = 0;
    for (let r = 0; r < column.length; r++) if (column[r] !== column[r]) missing++;
    const x = Float64Array.from(labelled, (r) => column[r]);
    let iv = NaN;
    if (bads > 0 && bads < y.length) {
      const counts = outcomeCountsByBin(x, y, quantileBins(x, bins));
      iv = informationValue(counts.events, counts.nonEvents);
    }
    const ks = ksStatistic(x, y);
    const psi = early.length > 0 && late.length > 0
      ? psiOfSamples(Float64Array.from(early, (r) => column[r]), Float64Array.from(late, (r) => column[r]), bins)
      : NaN;
    return { name, rank: 0, missingRate: column.length ? missing / column.length : NaN, iv, ks, psi, kept: false };
  });
  rows.sort((a, b) => score(b.iv) - score(a.iv) || score(b.ks) - score(a.ks) || a.name.localeCompare(b.name));
  rows.forEach((row, i) => (row.rank = i + 1));

  const kept: { name: string; values: Float32Array }[] = [];
  for (const row of rows) {
    if (kept.length >= keep) break;
    if (!(row.iv > 0)) {
      row.dropped = 'uninformative';
      continue;
    }
    if (row.missingRate > maxMissing) {
      row.dropped = 'missing';
      continue;
    }
    const values = Float32Array.from(matrix.column(row.name));
    let worst = 0;
    let worstName = '';
    for (const k of kept) {
      const r = Math.abs(pearson(values, k.values));
      if (r > worst) [worst, worstName] = [r, k.name];
    }
    if (worst > maxCorrelation) {
      row.dropped = 'correlated';
      row.correlatedWith = worstName;
      row.correlation = worst;
      continue;
    }
    row.kept = true;
    kept.push({ name: row.name, values });
  }
  return {
    population: matrix.rows, labelled: y.length, bads, horizonMonths: horizon, splitTime: new Date(split).toISOString(),
    maxCorrelation, maxMissing, variables: rows,
  };
}

function score(v: number): number {
  return Number.isFinite(v) ? v : -Infinity;
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)];
}
