// Embedded mode's wiring of the feature engine to the event log: at start, restore the last snapshot, rebuild any
// set the snapshot does not cover, and replay the log after the snapshot's offset; then follow the ingestor live
// (synchronously, inside the append, so an event is visible to the next read). Snapshots every N events and at close.
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
  readonly subscribe: (listener: AppendListener) => () => void;
  /** Where snapshots live; none: always replay the whole log at start. */
  readonly snapshotPath?: string;
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
    this.unsubscribe = this.options.subscribe((tenant, appended) => {
      engine.applyAppended(tenant, appended);
      this.sinceSnapshot += appended.length;
      if (this.sinceSnapshot >= (this.options.snapshotEvery ?? 500_000)) this.snapshot();
    });
    return { restoredKeys: restored?.keys ?? 0, snapshotOffset: restored?.offset ?? 0, rebuiltSets, replayed };
  }

  snapshot(): SnapshotSummary | undefined {
    if (!this.options.snapshotPath) return undefined;
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
