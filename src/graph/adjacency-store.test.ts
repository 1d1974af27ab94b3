// The adjacency core: node interning, edge stamps, CSR building, the delta, compaction, and the rule that
// incremental updates give the same graph as a rebuild from scratch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import { AdjacencyStore, LinkOutcome } from './adjacency-store.js';
import { buildCsr } from './csr-core.js';
import { decodeSpan, encodeSpan, packStamp, stampCount, stampRelation, stampTick, tickToTime, timeToTick } from './edge-stamp.js';
import { NodeTable } from './node-table.js';
import { Flag, NodeType, Relation } from './node-kinds.js';
import { SuperNodeRule } from './super-node-rule.js';

const T0 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const hashed = (i: number): string => `h:${Buffer.from(`key-${i}`.padEnd(16, '.')).toString('base64url').slice(0, 22)}`;

test('node table interns keys to dense ids, per type, and survives growth and rehashing', () => {
  const table = new NodeTable(16);
  const ids: number[] = [];
  for (let i = 0; i < 5000; i++) ids.push(table.intern(NodeType.phone, hashed(i)));
  assert.deepEqual(ids.slice(0, 3), [0, 1, 2]);
  assert.equal(table.size, 5000);
  for (let i = 0; i < 5000; i++) assert.equal(table.find(NodeType.phone, hashed(i)), i);
  assert.equal(table.find(NodeType.device, hashed(7)), -1, 'the same key under another type is another node');
  assert.equal(table.intern(NodeType.phone, hashed(7)), 7);
  assert.equal(table.intern(NodeType.employer, 'acme ltd'), 5000);
  assert.equal(table.displayKey(5000), 'acme ltd');
  assert.match(table.displayKey(3), /^h:[A-Za-z0-9_-]{8}…$/);
  assert.ok(hashed(3).startsWith(table.displayKey(3).slice(0, 10)), 'the mask shows the start of the real hash');
  const copy = NodeTable.fromState(table.exportState());
  assert.equal(copy.find(NodeType.phone, hashed(4999)), 4999);
  assert.equal(copy.displayKey(5000), 'acme ltd');
});

test('edge stamps pack first-seen (10-minute ticks), relation and a saturating count', () => {
  const t = Date.UTC(2031, 5, 7, 13, 27);
  const stamp = packStamp(timeToTick(t), Relation.emergencyContact, 40);
  assert.equal(stampRelation(stamp), Relation.emergencyContact);
  assert.equal(stampCount(stamp), 31);
  assert.equal(tickToTime(stampTick(stamp)), Date.UTC(2031, 5, 7, 13, 20));
  assert.equal(decodeSpan(encodeSpan(100)), 100);
  assert.equal(decodeSpan(encodeSpan(130)), 134, 'past 127 days the span is kept in weeks (rounded up)');
  assert.equal(decodeSpan(encodeSpan(5000)), 1023, 'and saturates');
});

test('CSR build: sorted rows both ways, repeated pairs merged, attributes on the person side', () => {
  // persons 0 and 3; identifiers 1, 2, 4
  const person = Int32Array.from([0, 3, 0, 0, 3]);
  const ident = Int32Array.from([2, 1, 1, 2, 4]);
  const tick = timeToTick(T0);
  const stamps = Uint32Array.from([packStamp(tick + 5, 1, 1), packStamp(tick, 0, 1), packStamp(tick, 2, 1), packStamp(tick + 1, 0, 2), packStamp(tick, 1, 1)]);
  const spans = Uint8Array.from([3, 0, 0, 1, 0]);
  const core = buildCsr(5, { person, ident, stamps, spans, length: 5 });
  const row = (v: number) => [...core.targets.subarray(core.offsets[v], core.offsets[v + 1])];
  assert.deepEqual(row(0), [1, 2]);
  assert.deepEqual(row(3), [1, 4]);
  assert.deepEqual(row(1), [0, 3]);
  assert.deepEqual(row(2), [0]);
  assert.equal(core.edgeCount, 4);
  const merged = core.stamps[core.attrBase[0] + 1]; // person 0 -> ident 2, seen twice
  assert.equal(stampTick(merged), tick + 1);
  assert.equal(stampRelation(merged), 0, 'the stronger relation wins');
  assert.equal(stampCount(merged), 3);
});

test('link: first sighting creates an edge in the delta, later ones update it (also after compaction)', () => {
  const store = new AdjacencyStore(new NodeTable(), new SuperNodeRule());
  const p = store.nodes.intern(NodeType.person, hashed(1));
  const phone = store.nodes.intern(NodeType.phone, hashed(2));
  assert.equal(store.link(p, phone, Relation.owns, T0), LinkOutcome.Created);
  assert.equal(store.link(p, phone, Relation.owns, T0 + 3 * DAY), LinkOutcome.Seen);
  assert.equal(store.delta.size, 1);
  store.compact();
  assert.equal(store.delta.size, 0);
  assert.equal(store.link(p, phone, Relation.owns, T0 + 10 * DAY), LinkOutcome.Seen);
  const at = store.findEdge(p, phone);
  assert.ok(at >= 0, 'found in the CSR');
  assert.equal(stampCount(store.stampAt(at)), 3);
  assert.equal(decodeSpan(store.spanAt(at)), 10);
  assert.equal(store.degree(p), 1);
  assert.equal(store.degree(phone), 1);
});

test('super-node cap: the identifier is flagged when it passes its cap, keeps its edges and blocks traversal', () => {
  const store = new AdjacencyStore(new NodeTable(), new SuperNodeRule({ ip: 3 }));
  const ip = store.nodes.intern(NodeType.ip, hashed(0));
  const outcomes: number[] = [];
  for (let i = 1; i <= 5; i++) outcomes.push(store.link(store.nodes.intern(NodeType.person, hashed(i)), ip, Relation.uses, T0));
  assert.deepEqual(outcomes, [1, 1, 1, 2, 1]);
  assert.ok(store.isBlocked(ip));
  assert.equal(store.degree(ip), 5, 'edges are kept and counted');
  assert.throws(() => new SuperNodeRule({ ip: 0 }), { code: 'GRAPH_CAPS_INVALID' });
  assert.throws(() => new SuperNodeRule({ person: 4 } as never), { code: 'GRAPH_CAPS_INVALID' });
});

test('incremental inserts (with compactions in between) equal one rebuild from scratch', () => {
  const random = new Random(11);
  const events: [number, number, number, number][] = [];
  for (let i = 0; i < 3000; i++) {
    events.push([random.int(300), 300 + random.int(500), random.int(6), T0 + random.int(400) * DAY]);
  }
  const rule = new SuperNodeRule();
  const typeOf = (k: number) => (k < 300 ? NodeType.person : NodeType.phone + (k % 7));
  const live = new AdjacencyStore(new NodeTable(), rule);
  const intern = (s: AdjacencyStore, k: number) => s.nodes.intern(typeOf(k), `k${k}`);
  events.forEach(([p, i, rel, t], n) => {
    live.link(intern(live, p), intern(live, i), rel, t);
    if (n % 700 === 699) live.compact();
  });
  // Rebuild: intern in the same order, then build the CSR from the whole list at once.
  const nodes = new NodeTable();
  const person = new Int32Array(events.length);
  const ident = new Int32Array(events.length);
  const stamps = new Uint32Array(events.length);
  events.forEach(([p, i, rel, t], n) => {
    person[n] = nodes.intern(typeOf(p), `k${p}`);
    ident[n] = nodes.intern(typeOf(i), `k${i}`);
    stamps[n] = packStamp(timeToTick(t), rel, 1);
  });
  const rebuilt = new AdjacencyStore(nodes, rule, buildCsr(nodes.size, { person, ident, stamps, spans: new Uint8Array(events.length), length: events.length }));
  assert.equal(live.nodeCount, rebuilt.nodeCount);
  assert.equal(live.edgeCount, rebuilt.edgeCount);
  for (let v = 0; v < live.nodeCount; v++) {
    const a: string[] = [];
    const b: string[] = [];
    live.forEachNeighbor(v, (u, at) => void a.push(`${u}:${at === -1 ? '' : `${live.stampAt(at)}/${live.spanAt(at)}`}`));
    rebuilt.forEachNeighbor(v, (u, at) => void b.push(`${u}:${at === -1 ? '' : `${rebuilt.stampAt(at)}/${rebuilt.spanAt(at)}`}`));
    assert.deepEqual(a.sort(), b.sort(), `node ${v}`);
  }
  live.compact();
  assert.deepEqual([...live.base.targets], [...rebuilt.base.targets]);
  assert.deepEqual([...live.base.stamps], [...rebuilt.base.stamps]);
});

test('refreshSuperFlags re-derives flags from degrees after caps change', () => {
  const store = new AdjacencyStore(new NodeTable(), new SuperNodeRule({ device: 1 }));
  const device = store.nodes.intern(NodeType.device, 'd');
  store.link(store.nodes.intern(NodeType.person, 'a'), device, Relation.uses, T0);
  store.link(store.nodes.intern(NodeType.person, 'b'), device, Relation.uses, T0);
  assert.ok(store.isBlocked(device));
  store.compact();
  const relaxed = new AdjacencyStore(store.nodes, new SuperNodeRule({ device: 5 }), store.base);
  assert.equal(relaxed.refreshSuperFlags(), 0);
  assert.equal(store.nodes.flags[device] & Flag.superNode, 0);
  assert.ok(!relaxed.isBlocked(device));
});
