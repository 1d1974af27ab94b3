// Several processes serving one data folder (argus serve --workers N) share the event log, the flow, list and audit
// stores (SQLite, which notices other processes' writes) and the feature set specs (files); what each keeps in memory
// is its feature and graph state. So each process applies the shared log in offset order — its own appends right
// after they are durable, the others' within FOLLOW_EVERY_MS — and picks up feature sets another process changed.
// A decision may therefore miss another process's application of the last few milliseconds; never its own.
import type { Ingestor } from '../ingest/index.js';

/** How often a process looks for the other processes' appends. */
export const FOLLOW_EVERY_MS = 10;
/** How often it looks for feature sets another process created, changed or deleted. */
export const SPEC_SYNC_EVERY_MS = 1000;

export interface SharedLogFollower {
  stop(): void;
}

export function followSharedLog(options: {
  readonly ingestor: Ingestor;
  /** Each engine's catch-up, applying the log past its own offset. */
  readonly catchUps: readonly (() => unknown)[];
  /** Re-reads the feature set specs (FeatureService.syncStored). */
  readonly syncSpecs: () => unknown;
}): SharedLogFollower {
  // Applies what the log holds past each engine's offset: after every own append (once it is durable), and on the timer.
  const catchUp = (): void => {
    for (const step of options.catchUps) step();
  };
  const unsubscribe = options.ingestor.subscribe(() => catchUp());
  let lastSync = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - lastSync >= SPEC_SYNC_EVERY_MS) {
      lastSync = Date.now();
      options.syncSpecs();
    }
    catchUp();
  }, FOLLOW_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
