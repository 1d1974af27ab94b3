// features: declarative feature specs, per-key online state (in memory or Redis), the reader the decision engine
// uses, point-in-time backfill and training matrices, and the variable factory with screening. Imports core, store,
// expression, stats and the types of ingest. See docs/features.md.
export type {
  EntityKind, Aggregation, Transform, TimeUnit, RequestMode, FeatureSpec, FeatureSetSpec, FeatureValue, FeatureValues,
} from './feature-spec.js';
export { ENTITY_KINDS, AGGREGATIONS, TRANSFORMS } from './feature-spec.js';
export { validateFeatureSet } from './spec-validator.js';
export type { SpecProblem } from './spec-problems.js';
export { compileFeaturePlan, type FeaturePlan } from './feature-plan.js';
export type { FeatureReader } from './feature-reader.js';
export { FeatureEngine, type FeatureEngineOptions, type KeyValues } from './feature-engine.js';
export { FeatureFollower, type FollowerOptions, type StartSummary, type SyncEventSource } from './live-follower.js';
export { writeSnapshot, readSnapshot, type SnapshotSummary, type RestoreResult } from './snapshot-file.js';
export { RedisFeatureStore, type RedisStoreOptions } from './redis-feature-store.js';
export { FeatureService, type FeatureServiceOptions, type FeatureSetSummary } from './feature-service.js';
export { MemorySpecRepository, type FeatureSpecRepository, type StoredFeatureSet } from './spec-repository.js';
export { FileSpecRepository } from './file-spec-repository.js';
export { backfillFeatures, isApplication, type BackfillOptions, type BackfillRow, type BackfillSummary } from './point-in-time-backfill.js';
export { LoanOutcomeTracker, DAYS_PER_MONTH, type LoanOutcome } from './loan-outcomes.js';
export { buildTrainingMatrix, OUTCOME_COLUMNS, KEY_COLUMNS, type TrainingMatrixOptions } from './training-matrix.js';
export { ColumnTable } from './column-table.js';
export { writeMatrix, formatFromPath, type MatrixFormat } from './matrix-writers.js';
export { validateFactorySpec, type FactorySpec, type FactoryBase, type FactoryTransforms } from './factory-spec.js';
export { generateVariables, featureSetFor, type VariableDefinition, type VariableLineage } from './variable-factory.js';
export { computeFactoryMatrix, FactoryMatrix, type FactoryMatrixOptions } from './factory-matrix.js';
export { screenVariables, labelsFor, type ScreenOptions, type ScreenReport, type ScreenRow } from './variable-screen.js';
export { writeScreenReport, formatScreenTable, selectFromReport, type ScreenReportFile } from './screen-report.js';
export { loadDemoFeatureSet } from './demo/demo-feature-set.js';
export { loadDemoFactorySpec } from './demo/demo-factory.js';
