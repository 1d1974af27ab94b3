// What the HTTP edge needs from the engines. The app (composition root) builds it; routes only call through it.
// Engines add their service here as they gain routes.
import type { AuditStore, ReplayReport } from '../audit/index.js';
import type { Clock } from '../core/index.js';
import type { DecisionService, FlowCatalog, ListService } from '../decision/index.js';
import type { Ingestor } from '../ingest/index.js';
import type { EventLog } from '../store/index.js';
import type { GraphEngine } from '../graph/index.js';
import type { FeatureService } from '../features/index.js';

export interface ArgusServices {
  readonly clock: Clock;
  readonly eventLog: EventLog;
  readonly ingestor: Ingestor;
  /** The decision engine and its audit trail (routes: decide, decisions, flows, lists). */
  readonly decision?: DecisionServices;
  /** The relationship graph (routes: /v1/graph/...). */
  readonly graph?: GraphEngine;
  /** Feature specs and values (routes: /v1/features/..., /v1/feature-sets). */
  readonly features?: FeatureService;
}

export interface DecisionServices {
  readonly decisions: DecisionService;
  readonly catalog: FlowCatalog;
  readonly lists: ListService;
  readonly audit: AuditStore;
  replay(tenant: string, decisionId: string): ReplayReport;
}

export interface ApiOptions {
  /** API key -> tenant. Empty: no authentication, every request is tenant "default" (the embedded demo on loopback). */
  readonly apiKeys: ReadonlyMap<string, string>;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
}
