// Binary snapshots of a tenant graph in the data folder: a JSON header, then each typed array's bytes (8-byte
// aligned), read back straight into fresh typed arrays. The delta is compacted first, so a snapshot is one CSR.
// Written to a temporary file and renamed, so a crash mid-write leaves the previous snapshot intact.

import { closeSync, openSync, readSync, renameSync, writeSync, fstatSync } from 'node:fs';
import { RiskError } from '../core/index.js';
import { AdjacencyStore } from './adjacency-store.js';
import type { CsrCore } from './csr-core.js';
import { NodeTable } from './node-table.js';
import type { SuperNodeRule } from './super-node-rule.js';
import { TenantGraph } from './tenant-graph.js';
import type { BatchResult } from './batch-result.js';

const MAGIC = 'ARGUSGR1';
type Typed = Uint8Array | Int8Array | Uint32Array | Int32Array | Float32Array;
const KINDS = { u8: Uint8Array, i8: Int8Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array } as const;
type Kind = keyof typeof KINDS;

interface SectionInfo {
  readonly name: string;
  readonly kind: Kind;
  readonly length: number;
}

interface Header {
  readonly version: 1;
  readonly offset: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly plainKeys: [number, string][];
  readonly loans: [string, number][];
  readonly batch: Omit<BatchResult, 'community' | 'communityPersons' | 'communityBad' | 'scores'> & {
    readonly scores: Omit<BatchResult['scores'], 'badMass' | 'goodMass' | 'labelProp' | 'risk'>;
  } | null;
  readonly sections: SectionInfo[];
}

export function writeSnapshot(path: string, graph: TenantGraph): number {
  const store = graph.store;
  if (store.delta.size > 0 || store.base.nodeCount < store.nodeCount) store.compact();
  const nodes = store.nodes.exportState();
  const base = store.base;
  const arrays: [string, Typed][] = [
    ['nodes.hi', nodes.hi], ['nodes.lo', nodes.lo], ['nodes.types', nodes.types], ['nodes.flags', nodes.flags],
    ['csr.offsets', base.offsets], ['csr.targets', base.targets], ['csr.attrBase', base.attrBase],
    ['csr.stamps', base.stamps], ['csr.spans', base.spans],
  ];
  const batch = graph.batch;
  if (batch) {
    arrays.push(['batch.community', batch.community], ['batch.communityPersons', batch.communityPersons],
      ['batch.communityBad', batch.communityBad], ['batch.badMass', batch.scores.badMass],
      ['batch.goodMass', batch.scores.goodMass], ['batch.labelProp', batch.scores.labelProp], ['batch.risk', batch.scores.risk]);
  }
  const header: Header = {
    version: 1, offset: graph.offset, nodeCount: store.nodeCount, edgeCount: store.edgeCount,
    plainKeys: nodes.plainKeys, loans: [...graph.loans],
    batch: batch ? batchMeta(batch) : null,
    sections: arrays.map(([name, a]) => ({ name, kind: kindOf(a), length: a.length })),
  };
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  try {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.alloc(16);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(json.length, 8);
    written += writeSync(fd, prefix);
    written += writeSync(fd, json);
    for (const [, a] of arrays) {
      written += writeSync(fd, Buffer.alloc((8 - (written % 8)) % 8));
      written += writeAll(fd, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return written;
}

export function readSnapshot(path: string, rule: SuperNodeRule): TenantGraph {
  const fd = openSync(path, 'r');
  try {
    const prefix = Buffer.alloc(16);
    readSync(fd, prefix, 0, 16, 0);
    if (prefix.toString('latin1', 0, 8) !== MAGIC) {
      throw new RiskError('GRAPH_SNAPSHOT_INVALID', `${path} is not an Argus graph snapshot`, { path });
    }
    const json = Buffer.alloc(prefix.readUInt32LE(8));
    readSync(fd, json, 0, json.length, 16);
    let header: Header;
    try {
      header = JSON.parse(json.toString('utf8')) as Header;
    } catch {
      throw new RiskError('GRAPH_SNAPSHOT_INVALID', `${path} has a damaged header`, { path });
    }
    let position = 16 + json.length;
    const size = fstatSync(fd).size;
    const sections = new Map<string, Typed>();
    for (const s of header.sections) {
      position += (8 - (position % 8)) % 8;
      const array = new KINDS[s.kind](s.length);
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      if (position + bytes.length > size) throw new RiskError('GRAPH_SNAPSHOT_INVALID', `${path} is truncated`, { path });
      readAll(fd, bytes, position);
      position += bytes.length;
      sections.set(s.name, array);
    }
    const get = <T extends Typed>(name: string): T => sections.get(name) as T;
    const nodes = NodeTable.fromState({
      hi: get('nodes.hi'), lo: get('nodes.lo'), types: get('nodes.types'), flags: get('nodes.flags'), plainKeys: header.plainKeys,
    });
    const core: CsrCore = {
      nodeCount: header.nodeCount, edgeCount: header.edgeCount, offsets: get('csr.offsets'), targets: get('csr.targets'),
      attrBase: get('csr.attrBase'), stamps: get('csr.stamps'), spans: get('csr.spans'),
    };
    const store = new AdjacencyStore(nodes, rule, core);
    store.refreshSuperFlags();
    const graph = new TenantGraph(rule, nodes, new Map(header.loans), store);
    graph.offset = header.offset;
    if (header.batch) {
      graph.batch = {
        ...header.batch,
        community: get('batch.community'), communityPersons: get('batch.communityPersons'), communityBad: get('batch.communityBad'),
        scores: {
          ...header.batch.scores, badMass: get('batch.badMass'), goodMass: get('batch.goodMass'),
          labelProp: get('batch.labelProp'), risk: get('batch.risk'),
        },
      };
    }
    return graph;
  } finally {
    closeSync(fd);
  }
}

function batchMeta(batch: BatchResult): NonNullable<Header['batch']> {
  const { community: _c, communityPersons: _p, communityBad: _b, scores, ...rest } = batch;
  const { badMass: _bm, goodMass: _gm, labelProp: _lp, risk: _r, ...scoreMeta } = scores;
  return { ...rest, scores: scoreMeta };
}

function kindOf(a: Typed): Kind {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Int8Array) return 'i8';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f32';
}

// fs calls move at most 2 GB at a time.
const CHUNK = 1 << 30;

function writeAll(fd: number, bytes: Buffer): number {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(CHUNK, bytes.length - at));
  return bytes.length;
}

function readAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length; ) {
    const got = readSync(fd, bytes, at, Math.min(CHUNK, bytes.length - at), position + at);
    if (got === 0) throw new RiskError('GRAPH_SNAPSHOT_INVALID', 'snapshot ended early', {});
    at += got;
  }
}
