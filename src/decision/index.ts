// decision: flows and their nodes (lists, rule sets, tables, matrices, scorecards, models, features / graph reads,
// switches, sub-flows, outputs), validation, champion / challenger / shadow releases, backtests, and the reader
// interfaces the feature, graph and model engines implement. See docs/decision.md.
export type * from './flow-types.js';
export type { FlowProblem } from './flow-problem.js';
export { flowInvalid } from './flow-problem.js';
export type { DecisionResult, DecisionOutcome, Reason, MissingRead, DecisionError, TraceStep } from './decision-result.js';
export type { DecisionRecord, DecisionRecorder } from './decision-record.js';
export {
  MISSING_INPUTS, NO_LISTS,
  type FeatureReader, type GraphReader, type ListReader, type ListHit, type ModelProvider, type InputValues,
} from './readers.js';
export { recordedListReader, type RecordedInputs } from './input-recorder.js';
export { compileFlow, DEFAULT_FLOW_LIMITS, type CompiledFlow, type FlowCompileOptions } from './compiled-flow.js';
export { runFlow, type RunRequest, type RunOutcome } from './flow-runner.js';
export { BUILTIN_VARIABLES } from './flow-scope.js';
export { assign, bucketOf, checkSplit, BUCKETS, type Assignment, type Variant } from './traffic-split.js';
export { FlowCatalog, type ReleaseSpec } from './flow-catalog.js';
export { ListService, MAX_IMPORT, type ListEntryInput } from './list-service.js';
export { EventPreparer, type ApplicationEvent } from './event-preparation.js';
export { BatchingAppender, type EventAppender } from './batching-appender.js';
export { DecisionService, type DecisionServiceDeps, type DecideOptions, type DecisionResponse } from './decision-service.js';
export type { FlowStore, ListStore, ModelStore, Release, FlowRef, FlowSummary, ListEntry, ListQuery } from './store/decision-stores.js';
export { openDecisionDatabase } from './store/decision-database.js';
export { SqliteFlowStore } from './store/sqlite-flow-store.js';
export { SqliteListStore } from './store/sqlite-list-store.js';
export { SqliteModelStore } from './store/sqlite-model-store.js';
export { runBacktest, type BacktestOptions, type BacktestDecision, type BacktestApplication, type PointInTimeInputs } from './backtest/backtest-runner.js';
export { formatBacktest, type BacktestReport, type BacktestColumn, type KnownOutcomes } from './backtest/backtest-report.js';
export { renderBacktestHtml } from './backtest/backtest-html.js';
export { OutcomeTracker } from './backtest/outcome-tracker.js';
export { installDemoDecisions, demoFlow, demoChallengerFlow, DEMO_SLOT, DEMO_CHALLENGER, type DemoInstall } from './demo/demo-installer.js';
export { demoPdModel, demoPdCurveModel, DEMO_MODEL_FEATURES, DEMO_MODEL_INPUTS } from './demo/demo-models.js';
export { flowFormatOf, flowText, parseFlowText, type FlowTextFormat } from './flow-text.js';
