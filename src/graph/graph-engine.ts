// The graph engine of one process: a graph per tenant, fed live from the ingestor and caught up from the event log
// at start; answers per-applicant feature reads (the decision engine's GraphReader contract), neighbourhoods and
// stats; runs batch jobs on demand or on a schedule, and snapshots to the data folder.

import { createHash } from 'node:crypto';
import { RiskError, type Clock } from '../core/index.js';
import type { ArgusEvent, ApplicationSubmittedData } from '../ingest/index.js';
import type { ArgusEventRecord, StoredEvent } from '../store/index.js';
import { applicationLinks, normaliseEmployer, type LinkSpec } from './event-links.js';
import { featureKey, GRAPH_FEATURE_NAMES } from './feature-catalog.js';
import { computeGraphFeatures, DEFAULT_TRAVERSAL_BUDGET, type FeatureValues } from './graph-features.js';
import { runBatch, type BatchOptions } from './graph-batch.js';
import { GraphPersistence } from './graph-persistence.js';
import { neighborhood, type Neighborhood } from './neighborhood.js';
import { NodeType, nodeTypeCode, type NodeTypeName } from './node-kinds.js';
import { SuperNodeRule, type SuperNodeCaps } from './super-node-rule.js';
import { TenantGraph } from './tenant-graph.js';
import { graphStats, type GraphStats } from './graph-stats.js';
import { identifierFeatures } from './identifier-features.js';
import type { BatchResult } from './batch-result.js';
import { LABEL_FLAGS, type LabelEntry } from './labels-file.js';

export interface GraphEngineOptions {
  readonly clock: Clock;
  /** Snapshots go to <dataDir>/graph; absent: memory only. */
  readonly dataDir?: string;
  /** False: snapshots are loaded but never written (another process sharing the data folder writes them). */
  readonly writeSnapshots?: boolean;
  readonly caps?: Partial<SuperNodeCaps>;
  /** Edge visits one feature read may make (the latency bound). */
  readonly traversalBudget?: number;
  /** Hashes a raw identifier the way ingest does (keys given to the API may be raw); absent: keys must be hashed. */
  readonly hashKey?: (raw: string) => string;
  /** Compact a tenant's delta when it exceeds max(minDelta, deltaShare * CSR edges). */
  readonly minDelta?: number;
  readonly deltaShare?: number;
  /** Told of every batch recompute, with the log offset the batch saw (the app records it in the log for backtests). */
  readonly onRecomputed?: (tenant: string, throughOffset: number) => void;
}

/** Structurally the decision engine's GraphReader: values as of the event, before it is applied. */
export interface GraphFeatureReader {
  read(tenant: string, event: ArgusEventRecord, names: readonly string[]): Readonly<Record<string, number | null>>;
  featureNames(tenant: string): readonly string[];
}

export class GraphEngine implements GraphFeatureReader {
  private readonly graphs = new Map<string, TenantGraph>();
  private readonly rule: SuperNodeRule;
  private readonly persistence: GraphPersistence | null;
  private appliedOffset = 0;
  /** Log offset the snapshots on disk cover, and whether any graph changed since they were written. */
  private savedOffset = 0;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: GraphEngineOptions) {
    this.rule = new SuperNodeRule(options.caps);
    this.persistence = options.dataDir ? new GraphPersistence(options.dataDir) : null;
  }

  get offset(): number {
    return this.appliedOffset;
  }

  tenants(): string[] {
    return [...this.graphs.keys()];
  }

  graph(tenant: string): TenantGraph {
    let graph = this.graphs.get(tenant);
    if (!graph) {
      graph = new TenantGraph(this.rule);
      this.graphs.set(tenant, graph);
    }
    return graph;
  }

  /** Loads the snapshots in the data folder (if any); returns the log offset they cover. */
  loadSnapshots(): number {
    if (!this.persistence) return 0;
    const { offset, graphs } = this.persistence.loadAll(this.rule);
    for (const [tenant, graph] of graphs) this.graphs.set(tenant, graph);
    this.appliedOffset = offset;
    this.savedOffset = offset;
    return offset;
  }

  /** Replays the log after what the graphs already hold (embedded mode's start-up). Returns events applied. */
  catchUp(log: { readSync(afterOffset: number): Iterable<StoredEvent> }): number {
    let applied = 0;
    for (const stored of log.readSync(this.appliedOffset)) {
      this.applyStored(stored);
      applied++;
    }
    return applied;
  }

  applyStored(stored: StoredEvent): void {
    this.apply(stored.tenant, stored.event as ArgusEvent, stored.offset, stored.time);
  }

  /** The live feed: Ingestor.subscribe(engine.listener). */
  readonly listener = (tenant: string, appended: readonly { offset: number; event: ArgusEvent }[]): void => {
    for (const { offset, event } of appended) this.apply(tenant, event, offset, Date.parse(event.time));
  };

  apply(tenant: string, event: ArgusEvent, offset: number, timeMs: number): void {
    if (offset !== 0 && offset <= this.appliedOffset) return;
    const graph = this.graph(tenant);
    if (graph.apply(event, timeMs, offset)) this.dirty = true;
    if (offset > this.appliedOffset) this.appliedOffset = offset;
    const store = graph.store;
    if (store.delta.size > Math.max(this.options.minDelta ?? 50_000, (this.options.deltaShare ?? 0.1) * store.base.edgeCount)) {
      store.compact();
    }
  }

  /** Sets labels from outside the log (see labels-file.ts); nodes not in the graph yet are created. */
  applyLabels(tenant: string, entries: readonly LabelEntry[]): number {
    const graph = this.graph(tenant);
    let changed = 0;
    for (const entry of entries) {
      const type = nodeTypeCode(entry.entityType);
      const node = graph.store.nodes.intern(type, this.canonicalKey(type, entry.key));
      graph.components.addNodes(graph.store);
      if (graph.setFlags(node, LABEL_FLAGS[entry.label], 0)) changed++;
    }
    if (changed > 0) {
      graph.changesSinceBatch++;
      this.dirty = true;
    }
    return changed;
  }

  /**
   * Labels as graph.labelled events to log (argus graph propagate --labels): keys made the graph's own (a keyed hash,
   * or an employer's normalised name). The id names the entity and label, so logging the same file twice adds nothing.
   */
  labelEvents(entries: readonly LabelEntry[], timeMs: number, source: string): Record<string, unknown>[] {
    const time = new Date(timeMs).toISOString();
    return entries.map((entry) => {
      const key = this.canonicalKey(nodeTypeCode(entry.entityType), entry.key);
      const digest = createHash('sha256').update(`${entry.entityType}\u0000${key}`).digest('base64url').slice(0, 22);
      return {
        id: `graph-label-${entry.label}-${digest}`, type: 'graph.labelled', time,
        data: { entityType: entry.entityType, key, label: entry.label, source: source.slice(0, 128) },
      };
    });
  }

  featureNames(_tenant: string): readonly string[] {
    return GRAPH_FEATURE_NAMES;
  }

  /** GraphReader.read: the applicant's features as of the event (its own links included even if not yet applied). */
  read(tenant: string, event: ArgusEventRecord, names: readonly string[]): Readonly<Record<string, number | null>> {
    const { person, links } = subjectOf(event as ArgusEvent);
    const values = person === null && links.length === 0
      ? null
      : computeGraphFeatures(this.graph(tenant), person, links, Date.parse(event.time), this.budget);
    const out: Record<string, number | null> = {};
    for (const name of names) {
      const key = featureKey(name);
      out[name] = key !== undefined && values ? (values[key] ?? null) : null;
    }
    return out;
  }

  /** Features of one stored node (API): a person's full set, or an identifier's own. */
  featuresOf(tenant: string, entityType: string, key: string, nowMs = this.options.clock.now()): FeatureValues {
    const graph = this.graph(tenant);
    const { type, node, resolved } = this.resolve(graph, entityType, key);
    if (type === NodeType.person) return computeGraphFeatures(graph, resolved, [], nowMs, this.budget);
    return identifierFeatures(graph, node);
  }

  neighborhood(tenant: string, entityType: string, key: string, hops: number, limit: number): Neighborhood {
    const graph = this.graph(tenant);
    return neighborhood(graph, this.resolve(graph, entityType, key).node, hops, limit);
  }

  stats(tenant: string): GraphStats {
    return graphStats(this.graph(tenant));
  }

  recompute(tenant: string, onProgress?: BatchOptions['onProgress']): BatchResult {
    this.dirty = true;
    const result = runBatch(this.graph(tenant), { clock: this.options.clock, onProgress });
    this.options.onRecomputed?.(tenant, this.appliedOffset);
    return result;
  }

  /**
   * Writes every tenant's snapshot; returns bytes written (0 without a data folder). Skipped when no graph changed
   * and the log moved less than `minEvents` since the last one (replaying those few events at start is cheaper).
   */
  snapshot(minEvents = 0): number {
    if (!this.persistence || this.options.writeSnapshots === false) return 0;
    if (!this.dirty && this.appliedOffset - this.savedOffset <= minEvents) return 0;
    const bytes = this.persistence.saveAll(this.graphs, this.appliedOffset);
    this.savedOffset = this.appliedOffset;
    this.dirty = false;
    return bytes;
  }

  /** Recomputes (and snapshots) every tenant that changed since its last batch, every `intervalMs`. */
  schedule(intervalMs: number, onDone?: (tenant: string, result: BatchResult) => void): void {
    this.stopSchedule();
    this.timer = setInterval(() => {
      let any = false;
      for (const [tenant, graph] of this.graphs) {
        if (graph.changesSinceBatch === 0 && graph.batch !== null) continue;
        onDone?.(tenant, this.recompute(tenant));
        any = true;
      }
      if (any) this.snapshot();
    }, intervalMs);
    this.timer.unref();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private get budget(): number {
    return this.options.traversalBudget ?? DEFAULT_TRAVERSAL_BUDGET;
  }

  private resolve(graph: TenantGraph, entityType: string, key: string): { type: number; node: number; resolved: string } {
    const type = nodeTypeCode(entityType);
    const resolved = this.canonicalKey(type, key);
    const node = graph.store.nodes.find(type, resolved);
    if (node < 0) {
      throw new RiskError('GRAPH_NODE_NOT_FOUND', `no ${entityType} with that key in the graph`, { entityType: entityType as NodeTypeName });
    }
    return { type, node, resolved };
  }

  /** Employer names are matched normalised; other keys must be keyed hashes, or are hashed here when possible. */
  private canonicalKey(type: number, key: string): string {
    if (type === NodeType.employer) return normaliseEmployer(key);
    // Already a keyed hash ("h:" and 22 characters, as ingest makes them); anything else is raw, prefix or not.
    if (key.length === 24 && key.startsWith('h:')) return key;
    if (this.options.hashKey) return this.options.hashKey(key);
    throw new RiskError('GRAPH_KEY_UNHASHED', 'graph keys are keyed hashes ("h:..."): hash the identifier first', {});
  }
}

/** Whom an event is about, and the links it brings. */
function subjectOf(event: ArgusEvent): { person: string | null; links: LinkSpec[] } {
  switch (event.type) {
    case 'application.submitted':
      return { person: event.data.applicant.idNumber, links: applicationLinks(event.data as ApplicationSubmittedData) };
    case 'device.seen':
    case 'login':
      return { person: event.data.idNumber ?? null, links: [] };
    case 'loan.booked':
      return { person: event.data.idNumber, links: [] };
    default:
      return { person: null, links: [] };
  }
}
