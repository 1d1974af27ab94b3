// Builds the feature engine over the data folder: the demo set plus tenants' own sets (<dataDir>/features/specs),
// state restored from <dataDir>/features/state.snapshot, the event log replayed after it, then the ingestor followed
// live (an event is visible to the next read). Snapshots are written every N events and at close. Also the fresh
// point-in-time engine a backtest feeds from the log.
import { join } from 'node:path';
import type { Clock } from '../core/index.js';
import { ipv4Prefix24, type Ingestor, type KeyedHasher } from '../ingest/index.js';
import type { SqliteEventLog, StoredEvent } from '../store/index.js';
import type { SharedDataFolder } from './config.js';
import type { LogFollower } from './shared-log.js';
import {
  FeatureEngine, FeatureFollower, FeatureService, FileSpecRepository, loadDemoFeatureSet, type StartSummary,
} from '../features/index.js';

export interface FeatureWiringOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly hasher: KeyedHasher;
  readonly eventLog: SqliteEventLog;
  readonly ingestor: Ingestor;
  /** Events between snapshots (ARGUS_FEATURE_SNAPSHOT_EVERY; default 500,000). */
  readonly snapshotEvery?: number;
  /** Set when other processes share the data folder: follow the log instead of this ingestor (see app/shared-log.ts). */
  readonly shared?: SharedDataFolder;
}

export interface FeatureWiring {
  readonly engine: FeatureEngine;
  readonly service: FeatureService;
  readonly started: StartSummary;
  /** Shared mode: where the engine stands in the log, and one event of it to apply. */
  readonly follower: LogFollower;
  close(): void;
}

export function openFeatureEngine(options: FeatureWiringOptions): FeatureWiring {
  const engine = new FeatureEngine({ clock: options.clock, sets: [loadDemoFeatureSet()] });
  const service = new FeatureService({
    engine,
    repository: new FileSpecRepository(join(options.dataDir, 'features', 'specs')),
    clock: options.clock,
    history: (tenant) => options.eventLog.readSync(0, { tenant, toOffset: engine.lastOffset }),
    hashKey: (entity, raw) => options.hasher.hash(entity === 'ip24' ? (ipv4Prefix24(raw) ?? raw) : raw),
  });
  service.installStored();
  const follower = new FeatureFollower({
    engine,
    log: options.eventLog,
    subscribe: options.shared ? undefined : (listener) => options.ingestor.subscribe(listener),
    snapshotPath: join(options.dataDir, 'features', 'state.snapshot'),
    writeSnapshots: options.shared?.writesSnapshots ?? true,
    snapshotEvery: options.snapshotEvery,
  });
  const started = follower.start();
  return {
    engine, service, started,
    follower: { offset: () => follower.offset, apply: (stored) => follower.applyFromLog(stored) },
    close: () => follower.close(),
  };
}

/** A fresh engine with the same sets as `live` for one tenant, fed the log in order by a backtest. */
export function pointInTimeFeatures(live: FeatureEngine, clock: Clock, tenant: string): { apply(stored: StoredEvent): void; features: FeatureEngine } {
  const fresh = new FeatureEngine({ clock, sets: live.builtinSets.map((p) => p.spec) });
  for (const plan of live.tenantSets(tenant)) fresh.installSet(tenant, plan.spec);
  return { apply: (stored) => fresh.applyStored(stored), features: fresh };
}
