// Builds the graph engine over the data folder: loads the snapshots in <dataDir>/graph, replays the event log after
// them, then follows the ingestor live so an edge is visible to the next decision. Optionally recomputes on a
// schedule (ARGUS_GRAPH_RECOMPUTE_MINUTES: recompute and snapshot changed tenants every N minutes). Every recompute,
// however asked for, is recorded in the log as a graph.recomputed event with the offset the batch saw; processes
// sharing the data folder recompute when they follow one. Also the point-in-time graph a backtest feeds from the
// log, which recomputes at those same offsets.
import type { Clock } from '../core/index.js';
import type { GraphRecomputedData, Ingestor, KeyedHasher } from '../ingest/index.js';
import type { EventLog, SqliteEventLog, StoredEvent } from '../store/index.js';
import type { PointInTimeInputs } from '../decision/index.js';
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

export function openGraphEngine(options: GraphWiringOptions): { engine: GraphEngine; follower: LogFollower; close(): Promise<void> } {
  const recorded = new Set<Promise<void>>();
  /** Ids of the graph.recomputed events this process wrote (it sees them again when it follows a shared log). */
  const own = new Set<string>();
  /** Set while recomputing because another process did: that batch is already in the log. */
  let following = false;
  const record = (tenant: string, throughOffset: number): void => {
    if (following) return;
    const time = options.clock.now();
    // The id is the idempotency key: a second recompute at the same offset and millisecond is the same batch.
    const event = { id: `graph-recomputed-${throughOffset}-${time}`, type: 'graph.recomputed', time: new Date(time).toISOString(), data: { throughOffset } };
    if (options.shared) own.add(event.id);
    const done: Promise<void> = options.ingestor.ingestRecords(tenant, [event]).then((r) => {
      if (r.rejected.length > 0) console.error(`graph recompute not recorded in the log: ${r.rejected[0].message}`);
    }, (err: Error) => console.error(`graph recompute not recorded in the log: ${err.message}`)).finally(() => recorded.delete(done));
    recorded.add(done);
  };
  const engine = new GraphEngine({
    clock: options.clock, dataDir: options.dataDir, hashKey: (raw) => options.hasher.hash(raw), writeSnapshots: options.shared?.writesSnapshots ?? true,
    onRecomputed: record,
  });
  engine.loadSnapshots();
  engine.catchUp(options.eventLog);
  const unsubscribe = options.shared ? () => {} : options.ingestor.subscribe(engine.listener);
  // Until config.ts carries it, the schedule comes from the environment (0 or unset: only on demand). In a shared
  // data folder only the process that writes snapshots keeps the schedule; the others recompute where the log says
  // it did (below), so every process answers with the same batch features, and a backtest with them too.
  const minutes = options.recomputeMinutes ?? Number(process.env.ARGUS_GRAPH_RECOMPUTE_MINUTES ?? 0);
  if (minutes > 0 && (options.shared?.writesSnapshots ?? true)) engine.schedule(minutes * 60_000);
  const followStored = (stored: StoredEvent): void => {
    engine.applyStored(stored);
    if (stored.event.type !== 'graph.recomputed' || own.delete(stored.event.id)) return;
    following = true;
    try {
      engine.recompute(stored.tenant);
    } finally {
      following = false;
    }
  };
  return {
    engine,
    follower: { offset: () => engine.offset, apply: options.shared ? followStored : (stored) => engine.applyStored(stored) },
    async close() {
      unsubscribe();
      engine.stopSchedule();
      await Promise.all(recorded);
    },
  };
}

/**
 * A fresh graph fed one tenant's log in order, for backtests (reads happen before each application is applied),
 * recomputed wherever the live graph was: before the first event past each graph.recomputed event's offset.
 */
export function pointInTimeGraph(clock: Clock, tenant: string): Required<Pick<PointInTimeInputs, 'apply' | 'prepare' | 'reach'>> & { graph: GraphEngine } {
  const graph = new GraphEngine({ clock });
  let recomputedThrough: number[] = [];
  let next = 0;
  return {
    graph,
    apply: (stored) => graph.applyStored(stored),
    async prepare(log: EventLog) {
      recomputedThrough = [];
      for await (const stored of log.read(0, { tenant, types: ['graph.recomputed'] })) {
        recomputedThrough.push((stored.event.data as GraphRecomputedData).throughOffset);
      }
      recomputedThrough.sort((a, b) => a - b);
      next = 0;
    },
    reach(offset: number) {
      if (next >= recomputedThrough.length || recomputedThrough[next] >= offset) return;
      // Several recomputes with nothing of this tenant's between them give the same batch: one is enough.
      while (next < recomputedThrough.length && recomputedThrough[next] < offset) next++;
      graph.recompute(tenant);
    },
  };
}
