// Flows and releases as the service sees them: save only what validates, compile each version once (versions are
// immutable), and answer "what serves this slot now" from a cache that notices writes by any process.
import { RiskError, newId, type Clock, type Random } from '../core/index.js';
import type { ExpressionEngine } from '../expression/index.js';
import { compileFlow, type CompiledFlow } from './compiled-flow.js';
import { flowInvalid, type FlowProblem } from './flow-problem.js';
import type { FlowDocument, FlowVersion } from './flow-types.js';
import type { FlowRef, FlowStore, FlowSummary, ModelStore, Release } from './store/decision-stores.js';
import { checkReleaseSpec } from './release-spec.js';
import { checkSplit } from './traffic-split.js';

const COMPILED_LIMIT = 1000;

export interface ReleaseSpec {
  /** Champion version of the slot's flow, or a flow reference. */
  readonly champion: number | FlowRef;
  readonly challengers?: readonly { readonly flow: number | FlowRef; readonly percent: number }[];
  readonly shadows?: readonly (number | FlowRef)[];
  readonly salt?: string;
  readonly note?: string;
}

export class FlowCatalog {
  private readonly compiled = new Map<string, CompiledFlow>();
  private readonly servingCache = new Map<string, { release: Release | null; generation: number }>();
  private generation = -1;
  private checkedAt = -Infinity;

  constructor(
    private readonly store: FlowStore,
    private readonly models: ModelStore,
    private readonly engine: ExpressionEngine,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly refreshMs = 250,
  ) {}

  validate(tenant: string, doc: FlowDocument): readonly FlowProblem[] {
    return this.compile(tenant, doc, 0).problems;
  }

  save(tenant: string, doc: FlowDocument): FlowVersion {
    const problems = this.validate(tenant, doc);
    if (problems.length > 0) throw flowInvalid(typeof doc?.id === 'string' ? doc.id : '?', problems);
    return this.store.saveFlow(tenant, doc, this.clock.now());
  }

  get(tenant: string, id: string, version?: number): FlowVersion {
    const flow = this.store.getFlow(tenant, id, version);
    if (!flow) {
      throw new RiskError('DECISION_FLOW_NOT_FOUND', `no flow "${id}"${version === undefined ? '' : ` version ${version}`}`, { flow: id, version });
    }
    return flow;
  }

  list(tenant: string): (FlowSummary & { release: Release | null })[] {
    return this.store.listFlows(tenant).map((f) => ({ ...f, release: this.store.activeRelease(tenant, f.id) ?? null }));
  }

  versions(tenant: string, id: string): { version: number; createdAt: number }[] {
    this.get(tenant, id);
    return this.store.listVersions(tenant, id);
  }

  archive(tenant: string, id: string): void {
    if (!this.store.archiveFlow(tenant, id)) throw new RiskError('DECISION_FLOW_NOT_FOUND', `no flow "${id}"`, { flow: id });
  }

  /** A compiled version (cached forever: a version never changes). */
  compiledFlow(tenant: string, ref: FlowRef): CompiledFlow {
    const key = `${tenant}|${ref.id}@${ref.version}`;
    let flow = this.compiled.get(key);
    if (!flow) {
      const saved = this.get(tenant, ref.id, ref.version);
      const outcome = this.compile(tenant, saved.document, saved.version, true);
      if (!outcome.flow) throw flowInvalid(ref.id, outcome.problems);
      flow = outcome.flow;
      if (this.compiled.size >= COMPILED_LIMIT) this.compiled.delete(this.compiled.keys().next().value as string);
      this.compiled.set(key, flow);
    }
    return flow;
  }

  /** The release serving a slot, or null when the slot has none (then the latest version serves). */
  serving(tenant: string, slot: string): Release | null {
    const generation = this.currentGeneration();
    const key = `${tenant}|${slot}`;
    const cached = this.servingCache.get(key);
    if (cached && cached.generation === generation) return cached.release;
    const release = this.store.activeRelease(tenant, slot) ?? null;
    this.servingCache.set(key, { release, generation });
    return release;
  }

  /** The latest saved version of a flow (for slots without a release). */
  latest(tenant: string, id: string): FlowRef {
    const flow = this.get(tenant, id);
    return { id, version: flow.version };
  }

  release(tenant: string, slot: string, spec: ReleaseSpec): Release {
    checkReleaseSpec(spec);
    const ref = (r: number | FlowRef): FlowRef => (typeof r === 'number' ? { id: slot, version: r } : r);
    const challengers = (spec.challengers ?? []).map((c) => ({ flow: ref(c.flow), percent: c.percent }));
    checkSplit(challengers);
    const release: Release = {
      id: newId('rel', this.clock, this.random),
      tenant,
      slot,
      champion: ref(spec.champion),
      challengers,
      shadows: (spec.shadows ?? []).map(ref),
      ...(spec.salt ? { salt: spec.salt } : {}),
      ...(spec.note ? { note: spec.note } : {}),
      createdAt: this.clock.now(),
    };
    // Every version a release names must exist and compile now, not fail on the first applicant.
    for (const flow of [release.champion, ...challengers.map((c) => c.flow), ...release.shadows]) this.compiledFlow(tenant, flow);
    const saved = this.store.createRelease(release);
    this.servingCache.delete(`${tenant}|${slot}`);
    return saved;
  }

  /** Releases the champion that served before the current one (the previous distinct champion version). */
  rollback(tenant: string, slot: string): Release {
    const history = this.store.listReleases(tenant, slot);
    const current = history[0];
    const previous = history.find((r) => r.champion.id !== current?.champion.id || r.champion.version !== current?.champion.version);
    if (!current || !previous) {
      throw new RiskError('DECISION_RELEASE_NOT_FOUND', `slot "${slot}" has no earlier champion to roll back to`, { slot });
    }
    return this.release(tenant, slot, { champion: previous.champion, note: `rollback of ${current.id}` });
  }

  releases(tenant: string, slot: string): Release[] {
    return this.store.listReleases(tenant, slot);
  }

  private compile(tenant: string, doc: FlowDocument, version: number, saved = false) {
    return compileFlow(doc, version, {
      tenant,
      saved,
      engine: this.engine,
      models: this.models,
      resolveFlow: (id, v) => this.store.getFlow(tenant, id, v)?.document,
    });
  }

  private currentGeneration(): number {
    const now = this.clock.now();
    if (now - this.checkedAt >= this.refreshMs || now < this.checkedAt) {
      this.checkedAt = now;
      this.generation = this.store.generation();
    }
    return this.generation;
  }
}
