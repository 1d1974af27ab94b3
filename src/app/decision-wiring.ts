// Builds the decision engine and its audit trail over the data folder: flows, releases, lists and models in
// decisions.db, audit records in audit.db (both SQLite, WAL), the decision service, and the list.changed feed.
import { join } from 'node:path';
import { RiskError, type Clock, type Random } from '../core/index.js';
import { SqliteAuditStore, replayDecision, type AuditStore, type ReplayReport } from '../audit/index.js';
import {
  BatchingAppender, DecisionService, EventPreparer, FlowCatalog, ListService, SqliteFlowStore, SqliteListStore, SqliteModelStore,
  openDecisionDatabase, runBacktest, type BacktestApplication, type BacktestDecision, type BacktestReport, type FeatureReader, type FlowRef, type GraphReader,
  type ModelStore, type PointInTimeInputs,
} from '../decision/index.js';
import type { EventLog } from '../store/index.js';
import { defaultExpressionEngine } from '../expression/index.js';
import type { Ingestor, KeyedHasher } from '../ingest/index.js';

export interface DecisionEngineOptions {
  /** Data folder, or ':memory:' for tests. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly hasher: KeyedHasher;
  /** When given, decide appends applications to the event log and list.changed events update the lists. */
  readonly ingestor?: Ingestor;
  readonly features?: FeatureReader;
  readonly graph?: GraphReader;
  /** Fresh feature / graph state for a backtest (fed the log from the start); absent: backtests see them missing. */
  readonly pointInTime?: (tenant: string) => PointInTimeInputs;
  readonly auditFlushMs?: number;
}

export interface BacktestRequest {
  readonly tenant: string;
  readonly flows: readonly FlowRef[];
  readonly from?: number;
  readonly to?: number;
  readonly onProgress?: (events: number, applications: number) => void;
  readonly onApplication?: (application: BacktestApplication) => void;
}

export interface DecisionEngine {
  readonly catalog: FlowCatalog;
  readonly lists: ListService;
  readonly models: ModelStore;
  readonly decisions: DecisionService;
  readonly audit: AuditStore;
  /** Re-runs an audited decision and compares (DECISION_NOT_FOUND when there is no such record). */
  replay(tenant: string, decisionId: string): ReplayReport;
  /** Re-runs flow versions over the tenant's applications in `log` with point-in-time inputs. */
  backtest(log: EventLog, request: BacktestRequest): Promise<{ report: BacktestReport; decisions: BacktestDecision[] }>;
  close(): Promise<void>;
}

export function openDecisionEngine(options: DecisionEngineOptions): DecisionEngine {
  const memory = options.dataDir === ':memory:';
  const db = openDecisionDatabase(memory ? ':memory:' : join(options.dataDir, 'decisions.db'));
  const audit = new SqliteAuditStore(memory ? ':memory:' : join(options.dataDir, 'audit.db'), { flushMs: options.auditFlushMs });
  const models = new SqliteModelStore(db);
  const listStore = new SqliteListStore(db, options.clock);
  const catalog = new FlowCatalog(new SqliteFlowStore(db), models, defaultExpressionEngine(), options.clock, options.random);
  const lists = new ListService(listStore, options.hasher, options.clock, options.random, options.ingestor);
  const decisions = new DecisionService({
    clock: options.clock,
    random: options.random,
    catalog,
    lists: listStore,
    preparer: new EventPreparer(options.hasher, options.clock),
    features: options.features,
    graph: options.graph,
    recorder: audit,
    appender: options.ingestor ? new BatchingAppender(options.ingestor) : undefined,
  });
  const unsubscribe = options.ingestor?.subscribe((tenant, appended) => lists.applyEvents(tenant, appended));
  return {
    catalog,
    lists,
    models,
    decisions,
    audit,
    replay(tenant, decisionId) {
      const record = audit.get(tenant, decisionId);
      if (!record) throw new RiskError('DECISION_NOT_FOUND', `no decision "${decisionId}"`, { decisionId });
      return replayDecision(record, decisions);
    },
    backtest(log, request) {
      return runBacktest({
        tenant: request.tenant,
        log,
        flows: request.flows.map((ref) => catalog.compiledFlow(request.tenant, ref)),
        from: request.from,
        to: request.to,
        inputs: options.pointInTime?.(request.tenant),
        onProgress: request.onProgress,
        onApplication: request.onApplication,
      });
    },
    async close() {
      unsubscribe?.();
      await audit.close();
      if (db.open) db.close();
    },
  };
}
