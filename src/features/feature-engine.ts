// The embedded (in-process, in-memory) feature engine: every tenant's sets and key states, fed by the event log
// (live through Ingestor.subscribe, at start from the last snapshot's offset), read by the decision engine through
// FeatureReader and by the HTTP API per entity key. Tenants are separate state spaces.
import { RiskError, type Clock } from '../core/index.js';
import type { ArgusEventRecord, StoredEvent } from '../store/index.js';
import type { EntityKind, FeatureSetSpec, FeatureValue, FeatureValues } from './feature-spec.js';
import { ENTITY_KINDS } from './feature-spec.js';
import { compileFeaturePlan, type FeaturePlan, type WindowedFeature } from './feature-plan.js';
import { evaluateRequest, pickValues } from './feature-request.js';
import type { FeatureReader } from './feature-reader.js';
import type { FeatureEvent } from './set-runtime.js';
import { SetSlot, TenantFeatureSets } from './tenant-feature-sets.js';
import { isStale } from './key-state.js';

export interface FeatureEngineOptions {
  readonly clock: Clock;
  /** Sets every tenant runs (the demo set); read-only through the API. */
  readonly sets?: readonly FeatureSetSpec[];
  /** Keys checked for idleness per sweep (run every `sweepEvery` events). */
  readonly sweepBudget?: number;
  readonly sweepEvery?: number;
}

export interface KeyValues {
  readonly entity: EntityKind;
  readonly at: string;
  readonly values: FeatureValues;
}

export class FeatureEngine implements FeatureReader {
  /** Highest log offset applied. */
  lastOffset = 0;
  private readonly builtin: FeaturePlan[];
  private readonly tenantPlans = new Map<string, Map<string, FeaturePlan>>();
  private readonly tenants = new Map<string, TenantFeatureSets>();
  private sinceSweep = 0;
  private readonly sweepCursors = new Map<Map<string, unknown>, Iterator<[string, unknown]>>();

  constructor(private readonly options: FeatureEngineOptions) {
    this.builtin = (options.sets ?? []).map((s) => compileFeaturePlan(s));
    new TenantFeatureSets(this.builtin); // throws FEATURE_NAME_CONFLICT if built-in sets share a name
  }

  get builtinSets(): readonly FeaturePlan[] {
    return this.builtin;
  }

  tenant(name: string): TenantFeatureSets {
    let t = this.tenants.get(name);
    if (!t) {
      t = new TenantFeatureSets([...this.builtin, ...(this.tenantPlans.get(name)?.values() ?? [])]);
      this.tenants.set(name, t);
    }
    return t;
  }

  tenantNames(): string[] {
    return [...this.tenants.keys()];
  }

  /**
   * Installs (or replaces) a tenant's own set and rebuilds its state from `history`, the tenant's logged events
   * so far (synchronous: the engine is caught up when this returns).
   */
  installSet(tenant: string, spec: FeatureSetSpec, history: Iterable<StoredEvent> = []): FeaturePlan {
    if (this.builtin.some((p) => p.spec.name === spec.name)) {
      throw new RiskError('FEATURE_SET_CONFLICT', `"${spec.name}" is a built-in feature set and cannot be replaced`, { name: spec.name });
    }
    const plan = compileFeaturePlan(spec);
    this.tenant(tenant).install(plan);
    let plans = this.tenantPlans.get(tenant);
    if (!plans) this.tenantPlans.set(tenant, (plans = new Map()));
    plans.set(plan.spec.name, plan);
    this.replaySet(tenant, plan.spec.name, history);
    return plan;
  }

  /** Rebuilds one set's state from scratch out of `history` (events up to lastOffset; later ones are skipped). */
  replaySet(tenant: string, set: string, history: Iterable<StoredEvent>): void {
    const t = this.tenant(tenant);
    const slot = t.slots.get(set);
    if (!slot) throw new RiskError('FEATURE_SET_NOT_FOUND', `no feature set "${set}"`, { set });
    slot.reset();
    for (const stored of history) {
      if (stored.tenant !== tenant || stored.offset > this.lastOffset) continue;
      slot.runtime.apply(toFeatureEvent(stored.event, stored.time), slot.access, t.links);
    }
  }

  removeSet(tenant: string, name: string): boolean {
    this.tenantPlans.get(tenant)?.delete(name);
    return this.tenants.get(tenant)?.remove(name) ?? false;
  }

  /** Tenants that have sets of their own. */
  tenantsWithSets(): string[] {
    return [...this.tenantPlans.entries()].filter(([, plans]) => plans.size > 0).map(([tenant]) => tenant);
  }

  /** A tenant's own sets (not the built-in ones). */
  tenantSets(tenant: string): FeaturePlan[] {
    return [...(this.tenantPlans.get(tenant)?.values() ?? [])];
  }

  applyStored(stored: StoredEvent): void {
    if (stored.offset <= this.lastOffset) return;
    this.applyOne(stored.tenant, stored.event, stored.time);
    this.lastOffset = stored.offset;
    this.afterApply(1);
  }

  /** The Ingestor.subscribe listener: events just made durable, in offset order. */
  applyAppended(tenant: string, appended: readonly { readonly offset: number; readonly event: ArgusEventRecord }[]): void {
    let n = 0;
    for (const { offset, event } of appended) {
      if (offset <= this.lastOffset) continue;
      this.applyOne(tenant, event, Date.parse(event.time));
      this.lastOffset = offset;
      n++;
    }
    this.afterApply(n);
  }

  /** Applies an event that is not in any log (tests, benchmarks, simulations). */
  applyEvent(tenant: string, event: ArgusEventRecord): void {
    this.applyOne(tenant, event, Date.parse(event.time));
    this.afterApply(1);
  }

  private applyOne(tenant: string, record: ArgusEventRecord, time: number): void {
    const t = this.tenant(tenant);
    if (time > t.maxTime) t.maxTime = time;
    const event = toFeatureEvent(record, time);
    for (const slot of t.slotList) slot.runtime.apply(event, slot.access, t.links);
  }

  async read(tenant: string, event: ArgusEventRecord, names: readonly string[]): Promise<FeatureValues> {
    return this.readNow(tenant, event, names);
  }

  /** The synchronous form of read. */
  readNow(tenant: string, event: ArgusEventRecord, names: readonly string[]): FeatureValues {
    const t = this.tenant(tenant);
    const bySet = new Map<SetSlot, string[]>();
    const unknown: string[] = [];
    for (const name of names) {
      const slot = t.ownerOf(name);
      if (!slot) unknown.push(name);
      else if (!bySet.has(slot)) bySet.set(slot, [name]);
      else bySet.get(slot)!.push(name);
    }
    if (unknown.length > 0) {
      throw new RiskError('FEATURE_NAME_UNKNOWN', `unknown feature(s): ${unknown.slice(0, 5).join(', ')}`, { names: unknown });
    }
    const fe = toFeatureEvent(event, Date.parse(event.time));
    const out: FeatureValues = {};
    for (const [slot, wanted] of bySet) {
      const request = slot.request(wanted);
      Object.assign(out, pickValues(slot.plan, request, evaluateRequest(slot.runtime, request, fe, slot.access, t.links)));
    }
    return out;
  }

  featureNames(tenant: string): readonly string[] {
    return this.tenant(tenant).featureNames();
  }

  /** Current values of every feature of `entity` for `key` as of `at` (ms; default now). */
  valuesForKey(tenant: string, entity: string, key: string, at?: number): KeyValues {
    if (!(ENTITY_KINDS as readonly string[]).includes(entity)) {
      throw new RiskError('FEATURE_ENTITY_UNKNOWN', `entity is one of ${ENTITY_KINDS.join(', ')}`, { entity });
    }
    const when = at ?? this.options.clock.now();
    const values: FeatureValues = {};
    const lookup = entity === 'employer' ? key.trim().toLowerCase() : key;
    for (const slot of this.tenant(tenant).slots.values()) {
      Object.assign(values, entityValues(slot, entity as EntityKind, lookup, when));
    }
    return { entity: entity as EntityKind, at: new Date(when).toISOString(), values };
  }

  /** Keys held, per tenant and set. */
  keyCounts(): { tenant: string; set: string; keys: number }[] {
    const out: { tenant: string; set: string; keys: number }[] = [];
    for (const [tenant, t] of this.tenants) for (const [set, slot] of t.slots) out.push({ tenant, set, keys: slot.keyCount() });
    return out;
  }

  /** Forgets up to `budget` keys idle for longer than their set's ttl (reads already ignore them; this frees memory). */
  sweep(budget = this.options.sweepBudget ?? 50_000): number {
    let removed = 0;
    let checked = 0;
    for (const t of this.tenants.values()) {
      for (const slot of t.slots.values()) {
        for (const map of slot.access.maps) {
          let cursor = this.sweepCursors.get(map as Map<string, unknown>);
          if (!cursor) this.sweepCursors.set(map as Map<string, unknown>, (cursor = map.entries()));
          while (checked < budget) {
            const next = cursor.next();
            if (next.done) {
              this.sweepCursors.delete(map as Map<string, unknown>);
              break;
            }
            checked++;
            const [key, state] = next.value as [string, Parameters<typeof isStale>[0]];
            if (isStale(state, t.maxTime, slot.plan.ttl)) {
              map.delete(key);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  private afterApply(n: number): void {
    this.sinceSweep += n;
    if (this.sinceSweep >= (this.options.sweepEvery ?? 100_000)) {
      this.sinceSweep = 0;
      this.sweep();
    }
  }

}

export function toFeatureEvent(record: ArgusEventRecord, time: number): FeatureEvent {
  return { type: record.type, time, data: record.data };
}

function entityValues(slot: SetSlot, entity: EntityKind, key: string, at: number): FeatureValues {
  const plan = slot.plan;
  const e = plan.entities.find((x) => x.kind === entity);
  if (!e) return {};
  const all = new Array<FeatureValue>(plan.features.length).fill(null);
  const state = slot.access.get(e.index, key);
  const own = new Set<number>();
  for (const f of plan.features) {
    if (f.kind !== 'windowed' || f.entity !== e.index) continue;
    const v = slot.runtime.valueOf(f as WindowedFeature, state, at);
    all[f.index] = v === null && f.fill !== undefined ? f.fill : v;
    own.add(f.index);
  }
  // Derived features whose inputs are all of this entity.
  const derived = plan.derivedOrder.map((i) => plan.features[i]).filter((f) => f.kind === 'derived');
  const ready = derived.filter((f) => f.kind === 'derived' && f.inputs.every((k) => own.has(k) || derivedOf(plan, k, own)));
  slot.runtime.finishDerived(ready as never, all);
  const out: FeatureValues = {};
  for (const i of own) out[plan.features[i].name] = all[i];
  for (const f of ready) out[f.name] = all[f.index];
  return out;
}

function derivedOf(plan: FeaturePlan, index: number, own: ReadonlySet<number>): boolean {
  const f = plan.features[index];
  return f.kind === 'derived' && f.inputs.every((k) => own.has(k) || derivedOf(plan, k, own));
}
