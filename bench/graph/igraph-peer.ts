// Runs the igraph side of the benchmark: makes sure Debian's python3-igraph is importable by /usr/bin/python3
// (installing it with apt-get if not), writes the edge list both sides read, and returns igraph's timings.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EdgePairs } from './planted-graph.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'igraph-peer.py');

export interface IgraphTimes {
  readonly igraph_version: string;
  readonly load_s: number;
  readonly pagerank_s: number;
  readonly pagerank_cpu_s: number;
  readonly components_s: number;
  readonly components_cpu_s: number;
  readonly components: number;
  readonly communities_s: number;
  readonly communities_cpu_s: number;
  readonly communities: number;
  readonly modularity: number;
  /** igraph's PageRank vector, to measure how far ours is from it. */
  readonly ranks: Float64Array;
}

export function ensureIgraph(): string | null {
  const probe = () => spawnSync(PYTHON, ['-c', 'import igraph, numpy; print(igraph.__version__)'], { encoding: 'utf8' });
  let result = probe();
  if (result.status === 0) return result.stdout.trim();
  console.error('python3-igraph missing: installing it with apt-get');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'python3-igraph', 'python3-numpy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  result = probe();
  return result.status === 0 ? result.stdout.trim() : null;
}

export function runIgraph(graph: EdgePairs, damping: number, repeats: number): IgraphTimes {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-bench-'));
  try {
    const pairs = new Int32Array(graph.a.length * 2);
    for (let i = 0; i < graph.a.length; i++) {
      pairs[2 * i] = graph.a[i];
      pairs[2 * i + 1] = graph.b[i];
    }
    writeFileSync(join(dir, 'edges.bin'), pairs);
    const out = spawnSync(PYTHON, [SCRIPT, join(dir, 'edges.bin'), String(graph.n), String(damping), join(dir, 'ranks.bin'), String(repeats)], {
      encoding: 'utf8', maxBuffer: 1 << 24,
    });
    if (out.status !== 0) throw new Error(`igraph peer failed: ${out.stderr}`);
    const buf = readFileSync(join(dir, 'ranks.bin'));
    const ranks = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return { ...(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Omit<IgraphTimes, 'ranks'>), ranks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
