// The feature sets one tenant runs, each with its compiled runtime and its in-memory key states, plus the tenant's
// loan links. Feature names are unique across a tenant's sets, so a name finds its set.
import { RiskError } from '../core/index.js';
import type { FeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { planRequest, type RequestPlan } from './feature-request.js';

export class SetSlot {
  readonly runtime: SetRuntime;
  access: MapStateAccess;
  private readonly requests = new Map<string, RequestPlan>();

  constructor(readonly plan: FeaturePlan) {
    this.runtime = new SetRuntime(plan);
    this.access = new MapStateAccess(plan.entities.length);
  }

  request(names: readonly string[]): RequestPlan {
    const id = names.join('\n');
    let req = this.requests.get(id);
    if (!req) {
      req = planRequest(this.plan, names);
      if (this.requests.size >= 1000) this.requests.clear();
      this.requests.set(id, req);
    }
    return req;
  }

  /** Drops every key state (before a rebuild). */
  reset(): void {
    this.access = new MapStateAccess(this.plan.entities.length);
  }

  keyCount(): number {
    let n = 0;
    for (const m of this.access.maps) n += m.size;
    return n;
  }
}

export class TenantFeatureSets {
  readonly links = new MapLoanLinks();
  readonly slots = new Map<string, SetSlot>();
  /** The slots as an array, for the per-event loop. */
  slotList: SetSlot[] = [];
  private readonly owners = new Map<string, SetSlot>();
  private names: string[] | undefined;
  /** Newest event time seen (for evicting idle keys). */
  maxTime = -Infinity;

  constructor(plans: readonly FeaturePlan[]) {
    for (const plan of plans) this.install(plan);
  }

  /** Adds or replaces a set (its state starts empty). Name clashes with other sets: FEATURE_NAME_CONFLICT. */
  install(plan: FeaturePlan): SetSlot {
    const name = plan.spec.name;
    const clashes = plan.spec.features.map((f) => f.name).filter((n) => {
      const owner = this.owners.get(n);
      return owner !== undefined && owner.plan.spec.name !== name;
    });
    if (clashes.length > 0) {
      throw new RiskError('FEATURE_NAME_CONFLICT', `feature names already used by another set: ${clashes.slice(0, 5).join(', ')}`, {
        names: clashes,
      });
    }
    this.remove(name);
    this.names = undefined;
    const slot = new SetSlot(plan);
    this.slots.set(name, slot);
    this.slotList = [...this.slots.values()];
    for (const f of plan.spec.features) this.owners.set(f.name, slot);
    return slot;
  }

  remove(name: string): boolean {
    const slot = this.slots.get(name);
    if (!slot) return false;
    for (const f of slot.plan.spec.features) if (this.owners.get(f.name) === slot) this.owners.delete(f.name);
    this.slots.delete(name);
    this.slotList = [...this.slots.values()];
    this.names = undefined;
    return true;
  }

  ownerOf(feature: string): SetSlot | undefined {
    return this.owners.get(feature);
  }

  /** The same array until the sets change (the decision engine uses it as a cache key). */
  featureNames(): readonly string[] {
    return (this.names ??= [...this.owners.keys()]);
  }
}
