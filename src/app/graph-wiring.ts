// Builds the graph engine over the data folder: loads the snapshots in <dataDir>/graph, replays the event log after
// them, then follows the ingestor live so an edge is visible to the next decision. Optionally recomputes on a
// schedule (ARGUS_GRAPH_RECOMPUTE_MINUTES: recompute and snapshot changed tenants every N minutes). Also the
// point-in-time graph a backtest feeds from the log.
import type { Clock } from '../core/index.js';
import type { Ingestor, KeyedHasher } from '../ingest/index.js';
import type { SqliteEventLog } from '../store/index.js';
import { GraphEngine } from '../graph/index.js';
import type { SharedDataFolder } from './config.js';
import type { LogFollower } from './shared-log.js';

export interface GraphWiringOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly hasher: KeyedHasher;
  readonly eventLog: SqliteEventLog;
  readonly ingestor: Ingestor;
  /** Recompute changed tenants every this many minutes (0 or absent: only on demand). */
  readonly recomputeMinutes?: number;
  /** Set when other processes share the data folder: follow the log instead of this ingestor (see app/shared-log.ts). */
  readonly shared?: SharedDataFolder;
}

export function openGraphEngine(options: GraphWiringOptions): { engine: GraphEngine; follower: LogFollower; close(): void } {
  const engine = new GraphEngine({
    clock: options.clock, dataDir: options.dataDir, hashKey: (raw) => options.hasher.hash(raw), writeSnapshots: options.shared?.writesSnapshots ?? true,
  });
  engine.loadSnapshots();
  engine.catchUp(options.eventLog);
  const unsubscribe = options.shared ? () => {} : options.ingestor.subscribe(engine.listener);
  // Until config.ts carries it, the schedule comes from the environment (0 or unset: only on demand).
  const minutes = options.recomputeMinutes ?? Number(process.env.ARGUS_GRAPH_RECOMPUTE_MINUTES ?? 0);
  if (minutes > 0) engine.schedule(minutes * 60_000);
  return {
    engine,
    follower: { offset: () => engine.offset, apply: (stored) => engine.applyStored(stored) },
    close() {
      unsubscribe();
      engine.stopSchedule();
    },
  };
}

/** A fresh graph fed one tenant's log in order, for backtests (reads happen before each application is applied). */
export function pointInTimeGraph(clock: Clock): { apply: GraphEngine['applyStored']; graph: GraphEngine } {
  const graph = new GraphEngine({ clock });
  return { apply: (stored) => graph.applyStored(stored), graph };
}
