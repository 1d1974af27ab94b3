// Bulk-loaded graphs for the store benchmarks, built the way a snapshot load or a rebuild builds them: fingerprints
// interned into the node table, edges into a CSR by buildCsr. Two shapes: a uniform person-identifier graph of a given
// node and edge count (for bytes per edge and load time at 10 M nodes / 100 M edges), and a lending-shaped graph
// (shared devices in rings, families, public IPs, big employers, contact books) for feature latency.

import { Random } from '../../src/core/index.js';
import { AdjacencyStore, buildCsr, Flag, NodeTable, NodeType, packStamp, SuperNodeRule, TenantGraph, timeToTick } from '../../src/graph/index.js';

const T0 = Date.UTC(2025, 0, 1);

/** The hashed key whose fingerprint interns as (hi, lo) = (index, mix(index)). */
export function personKey(index: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(index >>> 0, 0);
  bytes.writeUInt32BE(mix(index), 4);
  return 'h:' + bytes.toString('base64url');
}

function mix(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface EdgeBuffers {
  person: Int32Array;
  ident: Int32Array;
  stamps: Uint32Array;
  spans: Uint8Array;
}

function allocate(m: number): EdgeBuffers {
  return { person: new Int32Array(m), ident: new Int32Array(m), stamps: new Uint32Array(m), spans: new Uint8Array(m) };
}

/** Interns `count` nodes of the given types (types[i] for node i) with synthetic fingerprints. */
function internAll(types: Uint8Array): NodeTable {
  const table = new NodeTable(16);
  table.reserve(types.length);
  for (let i = 0; i < types.length; i++) table.internFingerprint(types[i], i >>> 0, mix(i));
  return table;
}

/** nodes nodes (a fifth of them persons), edges person-identifier edges drawn uniformly. */
export function uniformGraph(nodes: number, edges: number, seed: number): { graph: TenantGraph; buildSeconds: number } {
  const random = new Random(seed);
  const persons = Math.floor(nodes / 5);
  const types = new Uint8Array(nodes);
  for (let v = persons; v < nodes; v++) types[v] = 1 + (v % 7);
  const e = allocate(edges);
  const tick = timeToTick(T0);
  for (let k = 0; k < edges; k++) {
    e.person[k] = random.int(persons);
    e.ident[k] = persons + random.int(nodes - persons);
    e.stamps[k] = packStamp(tick + random.int(50_000), random.int(6), 1);
  }
  const started = performance.now();
  const table = internAll(types);
  const core = buildCsr(nodes, { ...e, length: edges });
  const buildSeconds = (performance.now() - started) / 1000;
  // Caps high enough that the uniform graph has no super-nodes (each identifier has ~edges/(0.8 nodes) persons).
  const rule = new SuperNodeRule({ phone: 1e6, device: 1e6, ip: 1e6, ip24: 1e6, card: 1e6, address: 1e6, employer: 1e6 });
  return { graph: new TenantGraph(rule, table, new Map(), new AdjacencyStore(table, rule, core)), buildSeconds };
}

/**
 * A lending-shaped graph of about `edges` edges: persons with an own phone and card, a device and IP (rings share
 * pools; relatives share a device or address), IP /24s of ~20, 40 public IPs, 12 big employers and small ones,
 * and Poisson(3) contacts (other applicants' phones, 20 hub numbers, strangers). Labels: ~3% bad, ~30% good.
 */
export function lendingGraph(edges: number, seed: number): { graph: TenantGraph; persons: number; buildSeconds: number } {
  const random = new Random(seed);
  const persons = Math.ceil(edges / 9.6);
  const nodeTypes: number[] = [];
  const node = (type: number): number => nodeTypes.push(type) - 1;
  for (let p = 0; p < persons; p++) node(NodeType.person);
  const publicIps = Array.from({ length: 40 }, () => node(NodeType.ip));
  const hubs = Array.from({ length: 20 }, () => node(NodeType.phone));
  const bigEmployers = Array.from({ length: 12 }, () => node(NodeType.employer));
  const ownPhone = new Int32Array(persons);
  const deviceOf = new Int32Array(persons);
  for (let p = 0; p < persons; p++) ownPhone[p] = node(NodeType.phone);
  const e = allocate(Math.ceil(edges * 1.2));
  let m = 0;
  const tick0 = timeToTick(T0);
  const add = (p: number, i: number, relation: number, day: number): void => {
    e.person[m] = p;
    e.ident[m] = i;
    e.stamps[m++] = packStamp(tick0 + day * 144 + random.int(144), relation, 1);
  };
  let ip24 = node(NodeType.ip24);
  let ring: { devices: number[]; addresses: number[]; left: number } | null = null;
  let smallEmployer = node(NodeType.employer);
  for (let p = 0; p < persons; p++) {
    const day = Math.floor((p / persons) * 365);
    if (ring === null && random.chance(0.002)) {
      const size = 5 + random.int(20);
      ring = { devices: Array.from({ length: 1 + (size >> 2) }, () => node(NodeType.device)), addresses: [node(NodeType.address)], left: size };
    }
    const relative = p > 0 && random.chance(0.2) ? random.int(p) : -1;
    add(p, ownPhone[p], 0, day);
    add(p, node(NodeType.card), 0, day);
    if (ring) {
      deviceOf[p] = random.pick(ring.devices);
      add(p, random.pick(ring.addresses), 2, day);
      if (--ring.left === 0) ring = null;
    } else {
      deviceOf[p] = relative >= 0 && random.chance(0.3) ? deviceOf[relative] : node(NodeType.device);
      add(p, node(NodeType.address), 2, day);
    }
    add(p, deviceOf[p], 1, day);
    add(p, random.chance(0.1) ? random.pick(publicIps) : node(NodeType.ip), 1, day);
    if (random.chance(0.05)) ip24 = node(NodeType.ip24);
    add(p, ip24, 1, day);
    if (random.chance(0.6)) {
      if (random.chance(0.3)) add(p, random.pick(bigEmployers), 3, day);
      else {
        if (random.chance(0.2)) smallEmployer = node(NodeType.employer);
        add(p, smallEmployer, 3, day);
      }
    }
    const contacts = random.poisson(3);
    for (let c = 0; c < contacts; c++) {
      const r = random.next();
      const target = r < 0.3 && p > 0 ? ownPhone[random.int(p)] : r < 0.4 ? random.pick(hubs) : node(NodeType.phone);
      add(p, target, 4, day);
    }
    if (relative >= 0) add(p, ownPhone[relative], 5, day);
  }
  const types = Uint8Array.from(nodeTypes);
  const started = performance.now();
  const table = internAll(types);
  const core = buildCsr(types.length, { person: e.person, ident: e.ident, stamps: e.stamps, spans: e.spans, length: m });
  const buildSeconds = (performance.now() - started) / 1000;
  const rule = new SuperNodeRule();
  const graph = new TenantGraph(rule, table, new Map(), new AdjacencyStore(table, rule, core));
  graph.store.refreshSuperFlags();
  graph.components.rebuild(graph.store);
  for (let p = 0; p < persons; p++) {
    const r = random.next();
    if (r < 0.03) graph.setFlags(p, Flag.defaulted, 0);
    else if (r < 0.33) graph.setFlags(p, Flag.good, 0);
  }
  return { graph, persons, buildSeconds };
}
