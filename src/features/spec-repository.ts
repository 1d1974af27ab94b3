// Where tenants' own feature set specs are kept, versioned: every save of a set is a new version (1, 2, ...), old
// versions stay readable, and deleting hides the set (its versions stay on disk; recreating continues the count).
// An in-memory form for tests; file-spec-repository.ts keeps them as JSON files in the data folder.
import type { FeatureSetSpec } from './feature-spec.js';

export interface StoredFeatureSet {
  /** The spec with its `version` set. */
  readonly spec: FeatureSetSpec;
  readonly savedAt: string;
}

export interface FeatureSpecRepository {
  tenants(): string[];
  /** The newest version of every live set of the tenant. */
  list(tenant: string): StoredFeatureSet[];
  /** A version (default the newest) of a live set. */
  get(tenant: string, name: string, version?: number): StoredFeatureSet | undefined;
  /** Saves the next version. */
  save(tenant: string, spec: FeatureSetSpec, savedAt: string): StoredFeatureSet;
  /** Hides a set; false when there was none. */
  remove(tenant: string, name: string): boolean;
}

export class MemorySpecRepository implements FeatureSpecRepository {
  private readonly sets = new Map<string, Map<string, { versions: StoredFeatureSet[]; deleted: boolean }>>();

  tenants(): string[] {
    return [...this.sets.keys()];
  }

  list(tenant: string): StoredFeatureSet[] {
    return [...(this.sets.get(tenant)?.values() ?? [])].filter((s) => !s.deleted).map((s) => s.versions[s.versions.length - 1]);
  }

  get(tenant: string, name: string, version?: number): StoredFeatureSet | undefined {
    const entry = this.sets.get(tenant)?.get(name);
    if (!entry || entry.deleted) return undefined;
    return version === undefined ? entry.versions[entry.versions.length - 1] : entry.versions.find((v) => v.spec.version === version);
  }

  save(tenant: string, spec: FeatureSetSpec, savedAt: string): StoredFeatureSet {
    let bySet = this.sets.get(tenant);
    if (!bySet) this.sets.set(tenant, (bySet = new Map()));
    let entry = bySet.get(spec.name);
    if (!entry) bySet.set(spec.name, (entry = { versions: [], deleted: false }));
    entry.deleted = false;
    const stored = { spec: { ...spec, version: entry.versions.length + 1 }, savedAt };
    entry.versions.push(stored);
    return stored;
  }

  remove(tenant: string, name: string): boolean {
    const entry = this.sets.get(tenant)?.get(name);
    if (!entry || entry.deleted) return false;
    entry.deleted = true;
    return true;
  }
}
