// Computes chosen factory variables over a training population, columnar and streaming: one backfill pass over the
// log computes only the base variables (32-bit floats in row blocks, one row per application), then each chosen
// variable's column is derived on demand, a column at a time, so memory holds the bases and one column, not the
// whole matrix. Derived values use the same scalar definitions as the online engine.
import type { StoredEvent } from '../store/index.js';
import { RiskError } from '../core/index.js';
import { compileFeaturePlan, type DerivedFeature, type FeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { planRequest, windowedIntoAndApply } from './feature-request.js';
import { toFeatureEvent } from './feature-engine.js';
import { LoanOutcomeTracker } from './loan-outcomes.js';
import { deriveValue } from './derived-value.js';
import { featureSetFor, type VariableDefinition } from './variable-factory.js';

const BLOCK_ROWS = 1024;

/**
 * Base values in blocks of 1024 rows, each block column-major: appending a row touches one cache line per column
 * (a working set of a few hundred KB), and reading a column copies one contiguous run per block.
 */
class RowBlocks {
  readonly blocks: Float32Array[] = [];
  rows = 0;

  constructor(readonly width: number) {}

  append(values: Float64Array, columns: readonly number[]): void {
    const r = this.rows % BLOCK_ROWS;
    if (r === 0) this.blocks.push(new Float32Array(BLOCK_ROWS * this.width));
    const block = this.blocks[this.blocks.length - 1];
    for (let c = 0; c < columns.length; c++) block[c * BLOCK_ROWS + r] = values[columns[c]];
    this.rows++;
  }

  column(c: number, out: Float64Array): void {
    let row = 0;
    for (const block of this.blocks) {
      const n = Math.min(BLOCK_ROWS, this.rows - row);
      const from = c * BLOCK_ROWS;
      for (let r = 0; r < n; r++) out[row + r] = block[from + r];
      row += n;
    }
  }
}

export interface FactoryMatrixOptions {
  readonly definitions: readonly VariableDefinition[];
  readonly chosen: readonly string[];
  readonly events: Iterable<StoredEvent>;
  readonly tenant?: string;
  readonly dpdDays?: number;
  readonly asOf?: number;
  readonly onProgress?: (events: number, rows: number) => void;
}

export class FactoryMatrix {
  readonly rows: number;

  constructor(
    readonly plan: FeaturePlan,
    private readonly bases: RowBlocks,
    /** Feature index -> column in `bases` (-1 for derived features). */
    private readonly baseColumn: readonly number[],
    readonly applicationIds: readonly string[],
    readonly times: Float64Array,
    /** Months to default or censoring (NaN: not booked). */
    readonly outcomeTime: Float64Array,
    /** 1 default, 0 censored, NaN not booked. */
    readonly outcomeEvent: Float64Array,
  ) {
    this.rows = applicationIds.length;
  }

  get names(): string[] {
    return this.plan.features.map((f) => f.name);
  }

  /** The column of one variable (base or derived), NaN = missing. */
  column(name: string): Float64Array {
    const i = this.plan.byName.get(name);
    if (i === undefined) throw new RiskError('FEATURE_NAME_UNKNOWN', `"${name}" was not computed`, { name });
    const out = new Float64Array(this.rows);
    const f = this.plan.features[i];
    if (f.kind === 'windowed') {
      this.bases.column(this.baseColumn[i], out);
      return out;
    }
    const inputs = f.inputs.map((k) => this.column(this.plan.features[k].name));
    this.derive(f, inputs, out);
    return out;
  }

  private derive(f: DerivedFeature, inputs: Float64Array[], out: Float64Array): void {
    const [a, b] = inputs;
    const [ra, rb] = [f.ranges[0], f.ranges[1] ?? NaN];
    for (let r = 0; r < this.rows; r++) {
      const x = a[r] === a[r] ? a[r] : null;
      const y = b === undefined ? null : b[r] === b[r] ? b[r] : null;
      let v = deriveValue(f.op, x, y, f.threshold, ra, rb);
      if (v === null && f.fill !== undefined) v = f.fill;
      out[r] = v === null ? NaN : v;
    }
  }
}

export function computeFactoryMatrix(options: FactoryMatrixOptions): FactoryMatrix {
  const { features } = featureSetFor(options.definitions, options.chosen);
  const known = new Set(features.map((f) => f.name));
  const missing = options.chosen.filter((n) => !known.has(n));
  if (missing.length > 0) throw new RiskError('FEATURE_NAME_UNKNOWN', `not factory variables: ${missing.slice(0, 5).join(', ')}`, { names: missing });
  const plan = compileFeaturePlan({ name: 'factory', features });
  const runtime = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const windowed = plan.features.filter((f) => f.kind === 'windowed');
  const request = planRequest(plan, windowed.map((f) => f.name));
  const baseIndex = windowed.map((f) => f.index);
  const baseColumn = plan.features.map(() => -1);
  baseIndex.forEach((i, c) => (baseColumn[i] = c));
  const bases = new RowBlocks(baseIndex.length);
  const outcomes = new LoanOutcomeTracker(options.dpdDays);
  const ids: string[] = [];
  const times: number[] = [];
  const row = new Float64Array(plan.features.length);
  let events = 0;
  for (const stored of options.events) {
    if (options.tenant !== undefined && stored.tenant !== options.tenant) continue;
    events++;
    outcomes.apply(stored.event, stored.time);
    const event = toFeatureEvent(stored.event, stored.time);
    if (stored.event.type !== 'application.submitted') {
      runtime.apply(event, access, links);
    } else {
      windowedIntoAndApply(runtime, request, event, access, links, row);
      bases.append(row, baseIndex);
      ids.push((stored.event.data as { applicationId: string }).applicationId);
      times.push(stored.time);
    }
    if (options.onProgress && events % 100_000 === 0) options.onProgress(events, ids.length);
  }
  const byApp = outcomes.outcomes(options.asOf);
  const outcomeTime = new Float64Array(ids.length);
  const outcomeEvent = new Float64Array(ids.length);
  ids.forEach((id, r) => {
    const o = byApp.get(id);
    outcomeTime[r] = o ? o.timeMonths : NaN;
    outcomeEvent[r] = o ? o.event : NaN;
  });
  return new FactoryMatrix(plan, bases, baseColumn, ids, Float64Array.from(times), outcomeTime, outcomeEvent);
}
