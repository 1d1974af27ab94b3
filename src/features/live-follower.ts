// Embedded mode's wiring of the feature engine to the event log: at start, restore the last snapshot, rebuild any
// set the snapshot does not cover, and replay the log after the snapshot's offset; then follow the ingestor live
// (synchronously, inside the append, so an event is visible to the next read). Snapshots every N events and at close.
// A process sharing its data folder with others (argus serve --workers N) has no `subscribe`: app/shared-log.ts feeds
// it the shared log in offset order (applyFromLog) — after its own appends and on a timer, for the others' — since
// applying its own appends as made would put them before others' earlier ones, which the engine then skips.
import type { ReadOptions, StoredEvent } from '../store/index.js';
import type { AppendListener } from '../ingest/index.js';
import type { FeatureEngine } from './feature-engine.js';
import { readSnapshot, writeSnapshot, type SnapshotSummary } from './snapshot-file.js';

export interface SyncEventSource {
  readSync(afterOffset: number, options?: ReadOptions): Iterable<StoredEvent>;
}

export interface FollowerOptions {
  readonly engine: FeatureEngine;
  readonly log: SyncEventSource;
  /** The ingestor's live feed; absent: the process shares the log and is fed it through applyFromLog(). */
  readonly subscribe?: (listener: AppendListener) => () => void;
  /** Where snapshots live; none: always replay the whole log at start. */
  readonly snapshotPath?: string;
  /** Whether this process writes snapshots (default true; of processes sharing a data folder, one does). */
  readonly writeSnapshots?: boolean;
  /** Events applied between snapshots (default 500,000). */
  readonly snapshotEvery?: number;
}

export interface StartSummary {
  readonly restoredKeys: number;
  readonly snapshotOffset: number;
  readonly rebuiltSets: number;
  readonly replayed: number;
}

export class FeatureFollower {
  private unsubscribe: (() => void) | undefined;
  private sinceSnapshot = 0;
  lastSnapshot: SnapshotSummary | undefined;

  constructor(private readonly options: FollowerOptions) {}

  start(): StartSummary {
    const { engine, log } = this.options;
    const restored = this.options.snapshotPath ? readSnapshot(this.options.snapshotPath, engine) : undefined;
    let rebuiltSets = 0;
    if (restored) {
      for (const { tenant, set } of restored.stale) {
        engine.replaySet(tenant, set, log.readSync(0, { tenant, toOffset: restored.offset }));
        rebuiltSets++;
      }
    }
    let replayed = 0;
    for (const stored of log.readSync(engine.lastOffset)) {
      engine.applyStored(stored);
      replayed++;
    }
    this.sinceSnapshot = replayed;
    this.unsubscribe = this.options.subscribe?.((tenant, appended) => {
      engine.applyAppended(tenant, appended);
      this.applied(appended.length);
    });
    return { restoredKeys: restored?.keys ?? 0, snapshotOffset: restored?.offset ?? 0, rebuiltSets, replayed };
  }

  /** The log offset the engine has applied up to (shared mode reads the log after it). */
  get offset(): number {
    return this.options.engine.lastOffset;
  }

  /** Applies one event read from the shared log (skipped if already applied). */
  applyFromLog(stored: StoredEvent): void {
    if (stored.offset <= this.options.engine.lastOffset) return;
    this.options.engine.applyStored(stored);
    this.applied(1);
  }

  private applied(n: number): void {
    this.sinceSnapshot += n;
    if (this.sinceSnapshot >= (this.options.snapshotEvery ?? 500_000)) this.snapshot();
  }

  snapshot(): SnapshotSummary | undefined {
    if (!this.options.snapshotPath || this.options.writeSnapshots === false) return undefined;
    this.sinceSnapshot = 0;
    this.lastSnapshot = writeSnapshot(this.options.snapshotPath, this.options.engine);
    return this.lastSnapshot;
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.sinceSnapshot > 0) this.snapshot();
  }
}
