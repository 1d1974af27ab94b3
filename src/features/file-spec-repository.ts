// Tenants' feature set specs as files: <dir>/<tenant>/<set>/v<N>.json (pretty JSON, one per version) and a
// `deleted` marker file while a set is deleted. Human-readable and diffable; writes are small and go through a
// temporary file and a rename.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureSetSpec } from './feature-spec.js';
import type { FeatureSpecRepository, StoredFeatureSet } from './spec-repository.js';

export class FileSpecRepository implements FeatureSpecRepository {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private setDir(tenant: string, name: string): string {
    return join(this.dir, encodeURIComponent(tenant), name);
  }

  private versions(tenant: string, name: string): number[] {
    const dir = this.setDir(tenant, name);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((f) => /^v(\d+)\.json$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  private live(tenant: string, name: string): boolean {
    return this.versions(tenant, name).length > 0 && !existsSync(join(this.setDir(tenant, name), 'deleted'));
  }

  tenants(): string[] {
    return readdirSync(this.dir).map((d) => decodeURIComponent(d));
  }

  list(tenant: string): StoredFeatureSet[] {
    const dir = join(this.dir, encodeURIComponent(tenant));
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((name) => {
      const stored = this.get(tenant, name);
      return stored ? [stored] : [];
    });
  }

  get(tenant: string, name: string, version?: number): StoredFeatureSet | undefined {
    if (!this.live(tenant, name)) return undefined;
    const v = version ?? this.versions(tenant, name).at(-1)!;
    const file = join(this.setDir(tenant, name), `v${v}.json`);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as StoredFeatureSet;
  }

  save(tenant: string, spec: FeatureSetSpec, savedAt: string): StoredFeatureSet {
    const dir = this.setDir(tenant, spec.name);
    mkdirSync(dir, { recursive: true });
    const version = (this.versions(tenant, spec.name).at(-1) ?? 0) + 1;
    const stored: StoredFeatureSet = { spec: { ...spec, version }, savedAt };
    const file = join(dir, `v${version}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 1) + '\n');
    renameSync(`${file}.tmp`, file);
    rmSync(join(dir, 'deleted'), { force: true });
    return stored;
  }

  remove(tenant: string, name: string): boolean {
    if (!this.live(tenant, name)) return false;
    writeFileSync(join(this.setDir(tenant, name), 'deleted'), '');
    return true;
  }
}
