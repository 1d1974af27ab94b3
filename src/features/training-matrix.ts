// The training matrix for the learning engine: one row per application, the chosen features as of that
// application (point-in-time backfill) and its loan's outcome (time to default or censoring in months, event flag),
// built in one pass over the tenant's log. Applications that were not booked have no outcome (empty cells).
import type { StoredEvent } from '../store/index.js';
import type { FeatureSetSpec } from './feature-spec.js';
import type { FeaturePlan } from './feature-plan.js';
import { backfillFeatures, isApplication } from './point-in-time-backfill.js';
import { LoanOutcomeTracker } from './loan-outcomes.js';
import { ColumnTable } from './column-table.js';

export interface TrainingMatrixOptions {
  readonly set: FeatureSetSpec | FeaturePlan;
  readonly events: Iterable<StoredEvent>;
  readonly tenant?: string;
  readonly features?: readonly string[];
  /** Days past due that make a default (default 90). */
  readonly dpdDays?: number;
  /** End of observation (ms); default: the newest event in the log. */
  readonly asOf?: number;
  /** Keep only applications that were booked (have an outcome). */
  readonly bookedOnly?: boolean;
  readonly onProgress?: (events: number) => void;
}

export const OUTCOME_COLUMNS = ['outcome_time_months', 'outcome_event'] as const;
export const KEY_COLUMNS = ['application_id', 'applied_at', 'loan_id'] as const;

export function buildTrainingMatrix(options: TrainingMatrixOptions): { table: ColumnTable; features: readonly string[] } {
  const outcomes = new LoanOutcomeTracker(options.dpdDays);
  const rows: { applicationId: string; time: number; values: readonly (number | null)[] }[] = [];
  const tenant = options.tenant;
  const feed = function* (): Iterable<StoredEvent> {
    for (const stored of options.events) {
      if (tenant !== undefined && stored.tenant !== tenant) continue;
      outcomes.apply(stored.event, stored.time);
      yield stored;
    }
  };
  const summary = backfillFeatures({
    set: options.set,
    events: feed(),
    features: options.features,
    targets: isApplication,
    onProgress: options.onProgress,
    onRow: (row) => rows.push({ applicationId: (row.event.data as { applicationId: string }).applicationId, time: row.time, values: row.values }),
  });
  const byApplication = outcomes.outcomes(options.asOf);
  const table = new ColumnTable(KEY_COLUMNS, [...summary.names, ...OUTCOME_COLUMNS]);
  const featureColumns = summary.names.map((n) => table.numeric.get(n)!);
  for (const row of rows) {
    const outcome = byApplication.get(row.applicationId);
    if (options.bookedOnly && !outcome) continue;
    table.text.get('application_id')!.push(row.applicationId);
    table.text.get('applied_at')!.push(new Date(row.time).toISOString());
    table.text.get('loan_id')!.push(outcome?.loanId ?? '');
    row.values.forEach((v, k) => featureColumns[k].push(v));
    table.numeric.get('outcome_time_months')!.push(outcome ? outcome.timeMonths : null);
    table.numeric.get('outcome_event')!.push(outcome ? outcome.event : null);
    table.rows++;
  }
  return { table, features: summary.names };
}
