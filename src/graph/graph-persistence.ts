// Where tenant graphs live on disk: <dataDir>/graph/<tenant>.graph, plus manifest.json with the event-log offset
// every snapshot covers (start-up loads them and replays the log from there). Tenant names are encoded so any
// name is a safe file name.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshot, writeSnapshot } from './graph-snapshot.js';
import type { SuperNodeRule } from './super-node-rule.js';
import type { TenantGraph } from './tenant-graph.js';

const SUFFIX = '.graph';

export class GraphPersistence {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'graph');
  }

  /** Writes every tenant's snapshot, then the manifest; returns bytes written. */
  saveAll(graphs: ReadonlyMap<string, TenantGraph>, offset: number): number {
    mkdirSync(this.folder, { recursive: true });
    let bytes = 0;
    for (const [tenant, graph] of graphs) {
      graph.offset = offset;
      bytes += writeSnapshot(join(this.folder, fileName(tenant)), graph);
    }
    const manifest = join(this.folder, 'manifest.json');
    writeFileSync(`${manifest}.tmp`, JSON.stringify({ offset, tenants: [...graphs.keys()] }) + '\n');
    renameSync(`${manifest}.tmp`, manifest);
    return bytes;
  }

  /** The snapshots and the log offset they cover (0 and none when there is no manifest). */
  loadAll(rule: SuperNodeRule): { offset: number; graphs: Map<string, TenantGraph> } {
    const graphs = new Map<string, TenantGraph>();
    const manifest = join(this.folder, 'manifest.json');
    if (!existsSync(manifest)) return { offset: 0, graphs };
    const { offset } = JSON.parse(readFileSync(manifest, 'utf8')) as { offset: number };
    for (const name of readdirSync(this.folder)) {
      if (!name.endsWith(SUFFIX)) continue;
      graphs.set(decodeURIComponent(name.slice(0, -SUFFIX.length)), readSnapshot(join(this.folder, name), rule));
    }
    return { offset, graphs };
  }
}

function fileName(tenant: string): string {
  return encodeURIComponent(tenant).replace(/\./g, '%2E') + SUFFIX;
}
