// What the HTTP edge needs from the engines. The app (composition root) builds it; routes only call through it.
// Engines add their service here as they gain routes.
import type { Clock } from '../core/index.js';
import type { Ingestor } from '../ingest/index.js';
import type { EventLog } from '../store/index.js';

export interface ArgusServices {
  readonly clock: Clock;
  readonly eventLog: EventLog;
  readonly ingestor: Ingestor;
}

export interface ApiOptions {
  /** API key -> tenant. Empty: no authentication, every request is tenant "default" (the embedded demo on loopback). */
  readonly apiKeys: ReadonlyMap<string, string>;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
}
