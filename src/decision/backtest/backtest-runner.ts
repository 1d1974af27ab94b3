// Backtest: re-runs flow versions over the historical applications in the event log, with inputs as they were at
// the time — features and graph values from fresh engines fed the log in order (each application read before it is
// applied, exactly as decide does live; graph batch features recomputed where the log says the live graph was),
// lists rebuilt from list.changed events — and reports them side by side.
import { FixedClock, RiskError } from '../../core/index.js';
import type { ApplicationSubmittedData } from '../../ingest/index.js';
import type { EventLog, StoredEvent } from '../../store/index.js';
import type { CompiledFlow } from '../compiled-flow.js';
import type { DecisionOutcome } from '../decision-result.js';
import { runFlow } from '../flow-runner.js';
import { MISSING_INPUTS, type FeatureReader, type GraphReader } from '../readers.js';
import { readNames } from '../input-reading.js';
import { OutcomeTracker } from './outcome-tracker.js';
import { PointInTimeLists } from './point-in-time-lists.js';
import { summarise, type BacktestReport } from './backtest-report.js';

/** Fresh feature / graph state for one backtest; `apply` is fed every event of the tenant in log order. */
export interface PointInTimeInputs {
  apply(stored: StoredEvent): void;
  /** Called once before the log is read (e.g. to find where the live graph recomputed its batch features). */
  prepare?(log: EventLog): Promise<void>;
  /** Called before each event is handled, with its offset: every event before it has been applied. */
  reach?(offset: number): void;
  readonly features?: FeatureReader;
  readonly graph?: GraphReader;
}

export interface BacktestOptions {
  readonly tenant: string;
  readonly log: EventLog;
  readonly flows: readonly CompiledFlow[];
  /** Applications with business time in [from, to) are decided; everything before still builds state. */
  readonly from?: number;
  readonly to?: number;
  readonly inputs?: PointInTimeInputs;
  readonly onProgress?: (events: number, applications: number) => void;
  /**
   * Called for every application decided, with the first flow's variables as they were when it ended (inputs as read
   * at the time, derived values, scores): how a training set for a model the flow will score is exported.
   */
  readonly onApplication?: (application: BacktestApplication) => void;
}

export interface BacktestApplication {
  readonly applicationId: string;
  readonly time: number;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface BacktestDecision {
  readonly applicationId: string;
  readonly time: number;
  readonly outcomes: readonly DecisionOutcome[];
  readonly reasons: readonly (readonly string[])[];
  /** Known outcome at the end of the log: true bad, false good, null unknown. */
  bad: boolean | null;
  /** Booked applications: when the loan went bad (or null) and until when it was observed (OutcomeTracker.timeline). */
  timeline: { badAt: number | null; observedUntil: number } | null;
}

export async function runBacktest(options: BacktestOptions): Promise<{ report: BacktestReport; decisions: BacktestDecision[] }> {
  if (options.flows.length === 0) throw new RiskError('BACKTEST_FLOW_MISSING', 'name at least one flow version to backtest');
  const from = options.from ?? 0;
  const to = options.to ?? Number.MAX_SAFE_INTEGER;
  const lists = new PointInTimeLists();
  const outcomes = new OutcomeTracker();
  const features = options.inputs?.features ?? MISSING_INPUTS;
  const graph = options.inputs?.graph ?? MISSING_INPUTS;
  const featureNames = [...new Set(options.flows.flatMap((f) => f.features.map((x) => x.name)))];
  const graphNames = [...new Set(options.flows.flatMap((f) => f.graph.map((x) => x.name)))];
  const decisions: BacktestDecision[] = [];
  let events = 0;
  await options.inputs?.prepare?.(options.log);
  for await (const stored of options.log.read(0, { tenant: options.tenant })) {
    events++;
    options.inputs?.reach?.(stored.offset);
    const { event, time } = stored;
    if (event.type === 'application.submitted' && time >= from && time < to) {
      const data = event.data as ApplicationSubmittedData;
      // As decide reads them: the names each reader knows, the rest missing.
      const f = await readNames(features, options.tenant, stored.event, featureNames);
      const g = await readNames(graph, options.tenant, stored.event, graphNames);
      const clock = new FixedClock(time);
      const keep = options.onApplication !== undefined;
      const runs = options.flows.map((flow, i) =>
        runFlow(flow, { tenant: options.tenant, data, features: f, graph: g, lists, time, clock, keepVariables: keep && i === 0 }));
      const results = runs.map((r) => r.result);
      if (keep) options.onApplication!({ applicationId: data.applicationId, time, variables: runs[0].variables! });
      decisions.push({
        applicationId: data.applicationId,
        time,
        outcomes: results.map((r) => r.outcome),
        reasons: results.map((r) => r.reasons.map((x) => x.code)),
        bad: null,
        timeline: null,
      });
    }
    lists.apply(event);
    outcomes.apply(event, time);
    options.inputs?.apply(stored);
    if (events % 5000 === 0) options.onProgress?.(events, decisions.length);
  }
  for (const d of decisions) {
    d.bad = outcomes.outcome(d.applicationId);
    d.timeline = outcomes.timeline(d.applicationId);
  }
  options.onProgress?.(events, decisions.length);
  return { report: summarise(options.tenant, options.flows, decisions, from, to), decisions };
}

