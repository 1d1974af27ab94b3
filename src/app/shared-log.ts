// Several processes serving one data folder (argus serve --workers N) share the event log, the flow, list and audit
// stores (SQLite, which notices other processes' writes) and the feature set specs (files); what each keeps in memory
// is its feature and graph state. So each process applies the shared log in offset order — its own appends right
// after they are durable, the others' within FOLLOW_EVERY_MS — and picks up feature sets another process changed.
// A decision may therefore miss another process's application of the last few milliseconds; never its own.
import type { Ingestor } from '../ingest/index.js';
import type { StoredEvent } from '../store/index.js';

/** How often a process looks for the other processes' appends. */
export const FOLLOW_EVERY_MS = 10;
/** How often it looks for feature sets another process created, changed or deleted. */
export const SPEC_SYNC_EVERY_MS = 1000;

export interface SharedLogFollower {
  stop(): void;
}

/** An engine fed from the shared log: the offset it has applied up to, and one event to apply (one at or below that offset is skipped). */
export interface LogFollower {
  offset(): number;
  apply(stored: StoredEvent): void;
}

export function followSharedLog(options: {
  readonly ingestor: Ingestor;
  readonly log: { readSync(afterOffset: number): Iterable<StoredEvent> };
  /** The engines that keep state from the log (features, graph). */
  readonly followers: readonly LogFollower[];
  /** Re-reads the feature set specs (FeatureService.syncStored). */
  readonly syncSpecs: () => unknown;
}): SharedLogFollower {
  // Applies what the log holds past the engines' offsets, read (and parsed) once for all of them: after every own
  // append (once it is durable), and on the timer.
  const catchUp = (): void => {
    let from = Infinity;
    for (const f of options.followers) from = Math.min(from, f.offset());
    for (const stored of options.log.readSync(from)) {
      for (const f of options.followers) f.apply(stored);
    }
  };
  const unsubscribe = options.ingestor.subscribe((tenant, appended) => {
    // Own appends usually follow straight on from what the engines hold: then they are applied as appended (as a
    // single process does), without reading them back. If another process appended in between, the log is read.
    const first = appended.length > 0 ? appended[0].offset : 0;
    const follows = first > 0 && options.followers.every((f) => f.offset() === first - 1) && appended.every((a, i) => a.offset === first + i);
    if (!follows) return catchUp();
    for (const { offset, event } of appended) {
      const stored: StoredEvent = { offset, tenant, time: Date.parse(event.time), event };
      for (const f of options.followers) f.apply(stored);
    }
  });
  let lastSync = Date.now();
  let lastComplaint = 0;
  const timer = setInterval(() => {
    try {
      if (Date.now() - lastSync >= SPEC_SYNC_EVERY_MS) {
        lastSync = Date.now();
        options.syncSpecs();
      }
      // While an own append is unacknowledged, the log may already hold it: reading now would read it back and parse
      // it, only to be told of it again (~4% of an HTTP worker's main thread). Its acknowledgement catches up instead
      // (reading the log when another process appended in between), so others' appends wait at most for that.
      if (options.ingestor.appendsInFlight === 0) catchUp();
    } catch (err) {
      // Tried again at the next tick; said at most once a minute (a bad spec file would otherwise fill the log).
      if (Date.now() - lastComplaint >= 60_000) {
        lastComplaint = Date.now();
        console.error(`argus: following the shared data folder failed (${(err as Error).message}); retrying`);
      }
    }
  }, FOLLOW_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
