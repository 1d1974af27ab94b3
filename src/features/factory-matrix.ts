// Computes chosen factory variables over a training population, columnar and streaming: one backfill pass over the
// log computes only the base variables (as Float32 columns, one row per application), then each chosen variable's
// column is derived from them on demand, a column at a time, so memory holds the bases and one column, not the
// whole matrix. Derived values use the same scalar definitions as the online engine.
import type { StoredEvent } from '../store/index.js';
import { RiskError } from '../core/index.js';
import type { FeatureValue } from './feature-spec.js';
import { compileFeaturePlan, type DerivedFeature, type FeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { evaluateAndApply, planRequest } from './feature-request.js';
import { toFeatureEvent } from './feature-engine.js';
import { LoanOutcomeTracker } from './loan-outcomes.js';
import { deriveValue } from './derived-value.js';
import { featureSetFor, type VariableDefinition } from './variable-factory.js';

class Float32Column {
  data = new Float32Array(4096);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
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
  private readonly index: Map<string, number>;

  constructor(
    readonly plan: FeaturePlan,
    private readonly baseColumns: readonly Float32Array[],
    readonly applicationIds: readonly string[],
    readonly times: Float64Array,
    /** Months to default or censoring (NaN: not booked). */
    readonly outcomeTime: Float64Array,
    /** 1 default, 0 censored, NaN not booked. */
    readonly outcomeEvent: Float64Array,
  ) {
    this.rows = applicationIds.length;
    this.index = plan.byName as Map<string, number>;
  }

  get names(): string[] {
    return this.plan.features.map((f) => f.name);
  }

  /** The column of one variable (base or derived), NaN = missing. */
  column(name: string): Float64Array {
    const i = this.index.get(name);
    if (i === undefined) throw new RiskError('FEATURE_NAME_UNKNOWN', `"${name}" was not computed`, { name });
    const out = new Float64Array(this.rows);
    const f = this.plan.features[i];
    if (f.kind === 'windowed') {
      const src = this.baseColumns[i];
      for (let r = 0; r < this.rows; r++) out[r] = src[r];
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
  const missing = options.chosen.filter((n) => !features.some((f) => f.name === n));
  if (missing.length > 0) throw new RiskError('FEATURE_NAME_UNKNOWN', `not factory variables: ${missing.slice(0, 5).join(', ')}`, { names: missing });
  const plan = compileFeaturePlan({ name: 'factory', features });
  const runtime = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const windowedOnly = planRequest(plan, plan.features.filter((f) => f.kind === 'windowed').map((f) => f.name));
  const baseIndex = plan.features.filter((f) => f.kind === 'windowed').map((f) => f.index);
  const columns = plan.features.map(() => new Float32Column());
  const outcomes = new LoanOutcomeTracker(options.dpdDays);
  const ids: string[] = [];
  const times: number[] = [];
  let events = 0;
  const values = new Array<FeatureValue>(plan.features.length).fill(null);
  for (const stored of options.events) {
    if (options.tenant !== undefined && stored.tenant !== options.tenant) continue;
    events++;
    outcomes.apply(stored.event, stored.time);
    const event = toFeatureEvent(stored.event, stored.time);
    if (stored.event.type !== 'application.submitted') {
      runtime.apply(event, access, links);
    } else {
      evaluateAndApply(runtime, windowedOnly, event, access, links, values);
      for (const i of baseIndex) columns[i].push(values[i] === null ? NaN : values[i]!);
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
  const baseColumns = columns.map((c) => c.data.subarray(0, c.length));
  return new FactoryMatrix(plan, baseColumns, ids, Float64Array.from(times), outcomeTime, outcomeEvent);
}
