// What the HTTP API and the app call: feature set CRUD with validation (a tenant's own sets; built-in sets are
// read-only), the current values of an entity key, and installing the stored sets into the engine at start.
// Creating or changing a set rebuilds its state from the tenant's event log before the call returns.
import { RiskError, type Clock } from '../core/index.js';
import type { StoredEvent } from '../store/index.js';
import type { FeatureSetSpec } from './feature-spec.js';
import type { FeatureEngine, KeyValues } from './feature-engine.js';
import { validateFeatureSet } from './spec-validator.js';
import type { SpecProblem } from './spec-problems.js';
import type { FeatureSpecRepository } from './spec-repository.js';
import { isRiskError } from '../core/index.js';
import { HASHED_ENTITIES } from './entity-keys.js';

export interface FeatureSetSummary {
  readonly name: string;
  readonly version: number | null;
  readonly builtin: boolean;
  readonly features: number;
  readonly description?: string;
}

export interface FeatureServiceOptions {
  readonly engine: FeatureEngine;
  readonly repository: FeatureSpecRepository;
  readonly clock: Clock;
  /** The tenant's logged events up to now (rebuilds a set's state when it is created or changed). */
  readonly history: (tenant: string) => Iterable<StoredEvent>;
  /** Turns an identifier given in clear into its stored key (keyed hash) for hashed entities; "h:..." is used as given. */
  readonly hashKey?: (entity: string, raw: string) => string;
}

export class FeatureService {
  /** The stored version of each set the engine runs, by tenant and name (what syncStored compares with the files). */
  private readonly installedVersions = new Map<string, number | undefined>();

  constructor(private readonly options: FeatureServiceOptions) {}

  get engine(): FeatureEngine {
    return this.options.engine;
  }

  /** Installs every stored set into the engine (state comes from snapshots and the log replay that follow). */
  installStored(): number {
    let n = 0;
    for (const tenant of this.options.repository.tenants()) {
      for (const stored of this.options.repository.list(tenant)) {
        this.options.engine.installSet(tenant, stored.spec);
        this.installedVersions.set(setKey(tenant, stored.spec.name), stored.spec.version);
        n++;
      }
    }
    return n;
  }

  /**
   * Brings the engine's sets in line with the repository when another process sharing the data folder changed them
   * (argus serve --workers N): installs sets that are new or at another version (rebuilt from the log), removes
   * deleted ones. Returns how many changed.
   */
  syncStored(): number {
    const engine = this.options.engine;
    let changed = 0;
    const tenants = new Set([...this.options.repository.tenants(), ...engine.tenantsWithSets()]);
    for (const tenant of tenants) {
      const stored = this.options.repository.list(tenant);
      for (const { spec } of stored) {
        if (this.installedVersions.get(setKey(tenant, spec.name)) === spec.version) continue;
        engine.installSet(tenant, spec, this.options.history(tenant));
        this.installedVersions.set(setKey(tenant, spec.name), spec.version);
        changed++;
      }
      for (const plan of engine.tenantSets(tenant)) {
        if (stored.some((s) => s.spec.name === plan.spec.name)) continue;
        engine.removeSet(tenant, plan.spec.name);
        this.installedVersions.delete(setKey(tenant, plan.spec.name));
        changed++;
      }
    }
    return changed;
  }

  listSets(tenant: string): FeatureSetSummary[] {
    const builtin = this.options.engine.builtinSets.map((p) => ({
      name: p.spec.name, version: null, builtin: true, features: p.spec.features.length, description: p.spec.description,
    }));
    const own = this.options.repository.list(tenant).map(({ spec }) => ({
      name: spec.name, version: spec.version ?? null, builtin: false, features: spec.features.length, description: spec.description,
    }));
    return [...builtin, ...own];
  }

  getSet(tenant: string, name: string, version?: number): FeatureSetSpec & { builtin: boolean } {
    const builtin = this.options.engine.builtinSets.find((p) => p.spec.name === name);
    if (builtin) return { ...builtin.spec, builtin: true };
    const stored = this.options.repository.get(tenant, name, version);
    if (!stored) {
      throw new RiskError('FEATURE_SET_NOT_FOUND', `no feature set "${name}"${version ? ` version ${version}` : ''}`, { name, version });
    }
    return { ...stored.spec, builtin: false };
  }

  validate(body: unknown): { valid: boolean; problems: readonly SpecProblem[] } {
    try {
      validateFeatureSet(body);
      return { valid: true, problems: [] };
    } catch (err) {
      if (isRiskError(err) && err.code === 'FEATURE_SPEC_INVALID') return { valid: false, problems: err.details.problems as SpecProblem[] };
      throw err;
    }
  }

  createSet(tenant: string, body: unknown): { name: string; version: number } {
    const spec = validateFeatureSet(body);
    if (this.options.repository.get(tenant, spec.name)) {
      throw new RiskError('FEATURE_SET_EXISTS', `feature set "${spec.name}" exists; PUT /v1/feature-sets/${spec.name} to change it`, { name: spec.name });
    }
    return this.install(tenant, spec);
  }

  updateSet(tenant: string, name: string, body: unknown): { name: string; version: number } {
    const named = body !== null && typeof body === 'object' && !Array.isArray(body) ? { name, ...(body as object) } : body;
    const spec = validateFeatureSet(named);
    if (spec.name !== name) throw new RiskError('FEATURE_SET_NAME_MISMATCH', `the body names "${spec.name}", the path "${name}"`, { name });
    if (!this.options.repository.get(tenant, name)) throw new RiskError('FEATURE_SET_NOT_FOUND', `no feature set "${name}"`, { name });
    return this.install(tenant, spec);
  }

  deleteSet(tenant: string, name: string): void {
    if (this.options.engine.builtinSets.some((p) => p.spec.name === name)) {
      throw new RiskError('FEATURE_SET_CONFLICT', `"${name}" is a built-in feature set and cannot be deleted`, { name });
    }
    if (!this.options.repository.remove(tenant, name)) throw new RiskError('FEATURE_SET_NOT_FOUND', `no feature set "${name}"`, { name });
    this.options.engine.removeSet(tenant, name);
    this.installedVersions.delete(setKey(tenant, name));
  }

  valuesForKey(tenant: string, entity: string, key: string, at?: string): KeyValues & { key: string } {
    let when: number | undefined;
    if (at !== undefined) {
      when = Date.parse(at);
      if (Number.isNaN(when)) throw new RiskError('FEATURE_TIME_INVALID', '"at" is an ISO date-time', { at });
    }
    // hashKey keeps a value that already is a keyed hash (KeyedHasher.hash); anything else is raw, "h:" prefix or not.
    const hashed = HASHED_ENTITIES.has(entity) && this.options.hashKey;
    const stored = hashed ? this.options.hashKey!(entity, key) : key;
    return { ...this.options.engine.valuesForKey(tenant, entity, stored, when ?? this.options.clock.now()), key: stored };
  }

  private install(tenant: string, spec: FeatureSetSpec): { name: string; version: number } {
    const engine = this.options.engine;
    const previous = engine.tenantSets(tenant).find((p) => p.spec.name === spec.name);
    engine.installSet(tenant, spec, this.options.history(tenant));
    try {
      const stored = this.options.repository.save(tenant, spec, new Date(this.options.clock.now()).toISOString());
      this.installedVersions.set(setKey(tenant, spec.name), stored.spec.version);
      return { name: spec.name, version: stored.spec.version! };
    } catch (err) {
      if (previous) engine.installSet(tenant, previous.spec, this.options.history(tenant));
      else engine.removeSet(tenant, spec.name);
      throw err;
    }
  }
}

function setKey(tenant: string, name: string): string {
  return `${tenant}\u0000${name}`;
}
