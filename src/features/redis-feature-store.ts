// The scale-out form of the online state: the same key states, encoded as in snapshots, kept in Redis (one string
// per entity key, expiring after the set's ttl), updated by the same runtime code, so its values equal the
// in-memory engine's for the same stream. A batch loads the keys it touches under WATCH, applies the events in
// process and writes back in one MULTI/EXEC; a conflicting writer makes it retry. All of a tenant's keys share one
// hash slot ({tenant}), which keeps transactions valid on Redis Cluster.
import type { Redis } from 'ioredis';
import { RiskError } from '../core/index.js';
import type { ArgusEventRecord } from '../store/index.js';
import type { FeatureSetSpec, FeatureValues } from './feature-spec.js';
import { compileFeaturePlan, type FeaturePlan } from './feature-plan.js';
import type { FeatureReader } from './feature-reader.js';
import { SetRuntime, type FeatureEvent } from './set-runtime.js';
import { MapLoanLinks, TrackingStateAccess, type LoanLinks } from './state-access.js';
import { evaluateRequest, pickValues, planRequest } from './feature-request.js';
import { decodeKeyState, encodeKeyState } from './key-state-codec.js';
import { ByteReader, ByteWriter } from './byte-buffer.js';
import { toFeatureEvent } from './feature-engine.js';

export interface RedisStoreOptions {
  /** Connection for reads; a duplicate is made for transactions. */
  readonly redis: Redis;
  readonly sets: readonly FeatureSetSpec[];
  /** Key prefix (default "argus:feat"). */
  readonly prefix?: string;
  /** Attempts per batch when another writer changes a key under it (default 10). */
  readonly maxRetries?: number;
}

export class RedisFeatureStore implements FeatureReader {
  private readonly plans: FeaturePlan[];
  private readonly runtimes: SetRuntime[];
  private readonly prefix: string;
  private readonly tx: Redis;
  private queue: Promise<unknown> = Promise.resolve();
  /** Batches retried because another writer changed a key under them. */
  conflicts = 0;

  constructor(private readonly options: RedisStoreOptions) {
    this.plans = options.sets.map((s) => compileFeaturePlan(s));
    this.runtimes = this.plans.map((p) => new SetRuntime(p));
    this.prefix = options.prefix ?? 'argus:feat';
    this.tx = options.redis.duplicate();
  }

  private stateKey(tenant: string, p: number, entity: number, key: string): string {
    const plan = this.plans[p];
    return `${this.prefix}:{${tenant}}:${plan.spec.name}:${plan.fingerprint}:${plan.entities[entity].kind}:${key}`;
  }

  private linkKey(tenant: string, loanId: string): string {
    return `${this.prefix}:{${tenant}}:loan:${loanId}`;
  }

  /** Applies events (in log order) to the tenant's state in Redis. Batches run one at a time per store. */
  applyBatch(tenant: string, records: readonly ArgusEventRecord[]): Promise<void> {
    const run = this.queue.then(() => this.applyWithRetry(tenant, records.map((r) => toFeatureEvent(r, Date.parse(r.time)))));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyWithRetry(tenant: string, events: readonly FeatureEvent[]): Promise<void> {
    const attempts = this.options.maxRetries ?? 10;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (await this.applyOnce(tenant, events)) return;
      this.conflicts++;
    }
    throw new RiskError('FEATURE_STATE_CONFLICT', `feature state kept changing under the batch (${attempts} attempts)`, { tenant });
  }

  private async applyOnce(tenant: string, events: readonly FeatureEvent[]): Promise<boolean> {
    // Loan links first: loan events find their applicant through them.
    const loanIds = new Set<string>();
    for (const e of events) {
      const id = (e.data as { loanId?: unknown }).loanId;
      if (typeof id === 'string' && e.type !== 'loan.booked') loanIds.add(id);
    }
    const loanList = [...loanIds];
    const stateKeys = new Map<string, { p: number; entity: number; key: string }>();
    const links = new MapLoanLinks();
    const linkKeys = loanList.map((id) => this.linkKey(tenant, id));
    if (linkKeys.length > 0) await this.tx.watch(...linkKeys);
    const owners = linkKeys.length > 0 ? await this.tx.mget(...linkKeys) : [];
    loanList.forEach((id, i) => owners[i] !== null && links.link(id, owners[i]!));
    const batchLinks = new MapLoanLinks();
    for (const e of events) {
      if (e.type === 'loan.booked') {
        const d = e.data as { loanId?: unknown; idNumber?: unknown };
        if (typeof d.loanId === 'string' && typeof d.idNumber === 'string') batchLinks.link(d.loanId, d.idNumber);
      }
      const view: LoanLinks = { owner: (id) => batchLinks.owner(id) ?? links.owner(id), link: () => undefined };
      this.runtimes.forEach((rt, p) => rt.touchedKeys(e, view, (entity, key) => {
        stateKeys.set(this.stateKey(tenant, p, entity, key), { p, entity, key });
      }));
    }
    const names = [...stateKeys.keys()];
    if (names.length > 0) await this.tx.watch(...names);
    const loaded = await this.load(this.tx, names, stateKeys);
    for (const e of events) {
      this.runtimes.forEach((rt, p) => rt.apply(e, loaded[p], links));
    }
    const multi = this.tx.multi();
    const writer = new ByteWriter();
    for (const [id, owner] of batchLinks.map) multi.set(this.linkKey(tenant, id), owner, 'PX', this.maxTtl());
    this.plans.forEach((plan, p) => {
      for (const [entity, key, state] of loaded[p].changedStates()) {
        writer.reset();
        encodeKeyState(state, plan.entities[entity], writer);
        multi.set(this.stateKey(tenant, p, entity, key), writer.take(), 'PX', plan.ttl);
      }
    });
    // exec() is null when a watched key changed since it was read: nothing was written, so the batch is retried.
    const result = await multi.exec();
    return result !== null;
  }

  private maxTtl(): number {
    return Math.max(...this.plans.map((p) => p.ttl));
  }

  private async load(
    conn: Redis, names: readonly string[], ids: ReadonlyMap<string, { p: number; entity: number; key: string }>,
  ): Promise<TrackingStateAccess[]> {
    const loaded = this.plans.map((plan) => new TrackingStateAccess(plan.entities.length));
    const CHUNK = 2000;
    for (let i = 0; i < names.length; i += CHUNK) {
      const chunk = names.slice(i, i + CHUNK);
      const blobs = await conn.mgetBuffer(...chunk);
      chunk.forEach((name, k) => {
        const blob = blobs[k];
        if (!blob) return;
        const { p, entity, key } = ids.get(name)!;
        loaded[p].load(entity, key, decodeKeyState(new ByteReader(blob), this.plans[p].entities[entity]));
      });
    }
    return loaded;
  }

  async read(tenant: string, event: ArgusEventRecord, names: readonly string[]): Promise<FeatureValues> {
    const fe = toFeatureEvent(event, Date.parse(event.time));
    const wanted = this.plans.map(() => [] as string[]);
    const unknown: string[] = [];
    for (const name of names) {
      const p = this.plans.findIndex((plan) => plan.byName.has(name));
      if (p < 0) unknown.push(name);
      else wanted[p].push(name);
    }
    if (unknown.length > 0) throw new RiskError('FEATURE_NAME_UNKNOWN', `unknown feature(s): ${unknown.slice(0, 5).join(', ')}`, { names: unknown });
    const links = new MapLoanLinks();
    const loanId = (fe.data as { loanId?: unknown }).loanId;
    if (typeof loanId === 'string') {
      const owner = await this.options.redis.get(this.linkKey(tenant, loanId));
      if (owner !== null) links.link(loanId, owner);
    }
    const out: FeatureValues = {};
    for (let p = 0; p < this.plans.length; p++) {
      if (wanted[p].length === 0) continue;
      const request = planRequest(this.plans[p], wanted[p]);
      const ids = new Map<string, { p: number; entity: number; key: string }>();
      const visit = (entity: number, key: string) => void ids.set(this.stateKey(tenant, p, entity, key), { p, entity, key });
      // Include features apply the event to copies; only the keys they read matter, so only those are loaded.
      this.runtimes[p].readKeys(fe, [...request.exclude, ...request.include], links, visit);
      const loaded = await this.load(this.options.redis, [...ids.keys()], ids);
      Object.assign(out, pickValues(this.plans[p], request, evaluateRequest(this.runtimes[p], request, fe, loaded[p], links)));
    }
    return out;
  }

  featureNames(_tenant: string): readonly string[] {
    return this.plans.flatMap((p) => p.spec.features.map((f) => f.name));
  }

  /** Deletes every key of a tenant (tests, and removing a tenant). */
  async dropTenant(tenant: string): Promise<number> {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.options.redis.scan(cursor, 'MATCH', `${this.prefix}:{${tenant}}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await this.options.redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.tx.disconnect();
  }
}
