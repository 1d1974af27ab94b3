// What `trainScorecard` takes: target, candidate variables, binning, regularisation and points scaling, with
// defaults and an authoring check that reports every problem at once (LEARN_SCORECARD_SPEC_INVALID).
import { RiskError } from '../../core/index.js';
import type { Table } from '../data/table.js';
import type { BinningMethod } from './binning-methods.js';

export interface ScorecardSpec {
  /** Binary target column: numeric 0/1 (1 = event/bad), or categorical with `eventLevel`. */
  readonly target: string;
  /** For a categorical target: the level that means the event (e.g. "bad"). */
  readonly eventLevel?: string;
  /** Candidate variables (default: every column but the target and `exclude`). */
  readonly features?: readonly string[];
  readonly exclude?: readonly string[];
  /** Coarse classing (default 'monotonic' for numbers; categories are always ordered by event rate first). */
  readonly binning?: BinningMethod;
  /** Most bins per variable, not counting the missing bin (default 6). */
  readonly maxBins?: number;
  /** Smallest bin as a share of rows (default 0.05). */
  readonly minBinShare?: number;
  /** Quantile fine classes before coarse classing (default 20). */
  readonly fineBins?: number;
  /** Chi-merge significance threshold (default 3.841, 5% with 1 d.f.). */
  readonly chiThreshold?: number;
  /** Variables with a lower information value are dropped (default 0.02). */
  readonly minIv?: number;
  /** L2 penalty on the logistic slopes (default 1e-4). */
  readonly l2?: number;
  /** Score at baseOdds (default 600). */
  readonly baseScore?: number;
  /** Good:bad odds at baseScore (default 50). */
  readonly baseOdds?: number;
  /** Points that double the good:bad odds (default 20). */
  readonly pdo?: number;
  /** Round each attribute's points to an integer (default false: exact probabilities). */
  readonly roundPoints?: boolean;
}

export type ResolvedScorecardSpec = Required<Omit<ScorecardSpec, 'eventLevel' | 'features' | 'exclude'>> &
  Pick<ScorecardSpec, 'eventLevel'> & { readonly features: readonly string[] };

export const SCORECARD_DEFAULTS = {
  binning: 'monotonic',
  maxBins: 6,
  minBinShare: 0.05,
  fineBins: 20,
  chiThreshold: 3.841,
  minIv: 0.02,
  l2: 1e-4,
  baseScore: 600,
  baseOdds: 50,
  pdo: 20,
  roundPoints: false,
} as const;

export function resolveScorecardSpec(table: Table, spec: ScorecardSpec): ResolvedScorecardSpec {
  const r = { ...SCORECARD_DEFAULTS, ...dropUndefined(spec) };
  const excluded = new Set([spec.target, ...(spec.exclude ?? [])]);
  const features = spec.features ?? table.columnNames.filter((c) => !excluded.has(c));
  const problems: string[] = [];
  if (!table.hasColumn(spec.target)) problems.push(`target column "${spec.target}" is missing`);
  const absent = features.filter((f) => !table.hasColumn(f));
  if (absent.length > 0) problems.push(`feature column(s) missing: ${absent.join(', ')}`);
  if (features.includes(spec.target)) problems.push('the target cannot also be a feature');
  if (features.length === 0) problems.push('no candidate features');
  if (!['chimerge', 'monotonic', 'tree'].includes(r.binning)) problems.push(`binning must be chimerge, monotonic or tree, not "${r.binning}"`);
  if (!(Number.isInteger(r.maxBins) && r.maxBins >= 2)) problems.push('maxBins must be an integer >= 2');
  if (!(r.minBinShare > 0 && r.minBinShare <= 0.5)) problems.push('minBinShare must be in (0, 0.5]');
  if (!(Number.isInteger(r.fineBins) && r.fineBins >= r.maxBins)) problems.push('fineBins must be an integer >= maxBins');
  if (!(r.minIv >= 0)) problems.push('minIv must be >= 0');
  if (!(r.l2 >= 0)) problems.push('l2 must be >= 0');
  if (!(r.pdo > 0)) problems.push('pdo must be > 0');
  if (!(r.baseOdds > 0)) problems.push('baseOdds must be > 0');
  if (!Number.isFinite(r.baseScore)) problems.push('baseScore must be a number');
  if (problems.length > 0) {
    throw new RiskError('LEARN_SCORECARD_SPEC_INVALID', `scorecard spec: ${problems.join('; ')}`, { problems });
  }
  return { ...r, target: spec.target, features };
}

/** The target as 1 (event) / 0, checked: every unusable row is reported at once. */
export function targetLabels(table: Table, target: string, eventLevel: string | undefined): Uint8Array {
  const column = table.column(target);
  const label = new Uint8Array(table.rowCount);
  const bad: number[] = [];
  if (column.kind === 'categorical') {
    const code = eventLevel === undefined ? -1 : column.levels.indexOf(eventLevel);
    if (code < 0) {
      throw new RiskError('LEARN_LABEL_INVALID', `categorical target "${target}" needs eventLevel, one of: ${column.levels.join(', ')}`, {
        column: target,
        levels: column.levels,
      });
    }
    for (let i = 0; i < label.length; i++) {
      if (column.values[i] !== column.values[i]) bad.push(i);
      label[i] = column.values[i] === code ? 1 : 0;
    }
  } else {
    for (let i = 0; i < label.length; i++) {
      const v = column.values[i];
      if (v !== 0 && v !== 1) bad.push(i);
      label[i] = v === 1 ? 1 : 0;
    }
  }
  if (bad.length > 0) {
    throw new RiskError('LEARN_LABEL_INVALID', `${bad.length} row(s) of "${target}" are not a usable 0/1 target (first: ${bad.slice(0, 10).join(', ')})`, {
      column: target,
      bad: bad.length,
      firstRows: bad.slice(0, 10),
    });
  }
  return label;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
