// audit: decision records (masked), their storage, and replay. Imports core and the decision engine's types.
export type { AuditStore, AuditQuery } from './audit-store.js';
export { SqliteAuditStore, type AuditStoreOptions } from './sqlite-audit-store.js';
export { maskIdentifiers, MASK_PREFIX } from './identifier-masking.js';
export { replayDecision, TIME_CAPPED, type ReplayReport, type ReplayDifference, type ReplayNote, type DecisionRerunner } from './decision-replay.js';
