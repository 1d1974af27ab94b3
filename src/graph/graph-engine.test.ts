// The engine around the graph: tenants kept apart, catch-up from the event log, live feed, snapshots that restore
// the same graph (and the same features), labels files, neighbourhoods with masked keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../core/index.js';
import { encodeEvent, SqliteEventLog } from '../store/index.js';
import type { ArgusEvent } from '../ingest/index.js';
import { GraphEngine } from './graph-engine.js';
import { GRAPH_FEATURE_NAMES } from './feature-catalog.js';
import { readLabelsFile } from './labels-file.js';
import { application, h, listed, loanBooked, loanClosed, T0 } from './testing/event-builders.js';
import { Random } from '../core/index.js';

function ringWorld(seed: number, people = 60): ArgusEvent[] {
  const random = new Random(seed);
  const events: ArgusEvent[] = [];
  for (let i = 0; i < people; i++) {
    const ring = i % 10 === 0 ? 'ring' : null;
    events.push(application({
      person: `P${i}`, phone: `ph${i}`, device: ring ? `ring-dev-${random.int(2)}` : `dev${random.int(people)}`,
      ip: `ip${random.int(people / 2)}`, card: `c${i}`, address: `a${random.int(people)}`,
      contacts: [`ph${random.int(people)}`, `ph${random.int(people)}`], day: i,
    }));
    if (i % 7 === 3) {
      events.push(loanBooked(`L${i}`, `P${i}`, i));
      events.push(loanClosed(`L${i}`, i % 2 ? 'charged_off' : 'paid_off', i + 30));
    }
  }
  events.push(listed('device', 'ring-dev-0', 'fraud', people));
  return events;
}

test('tenants are separate graphs', () => {
  const engine = new GraphEngine({ clock: new FixedClock(T0) });
  const e = application({ person: 'A', phone: 'p', device: 'd', ip: 'i', card: 'c', address: 'a', day: 0 });
  engine.apply('bank-1', e, 1, Date.parse(e.time));
  const probe = application({ person: 'B', phone: 'p2', device: 'd', ip: 'i2', card: 'c2', address: 'a2', day: 1 });
  assert.equal(engine.read('bank-1', probe, ['graph.persons_1hop'])['graph.persons_1hop'], 1);
  assert.equal(engine.read('bank-2', probe, ['graph.persons_1hop'])['graph.persons_1hop'], 0);
  assert.equal(engine.stats('bank-2').nodes, 0);
});

test('catch-up from the event log, then a snapshot, restores the same graph and the same features', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-'));
  try {
    const log = new SqliteEventLog(join(dir, 'events.db'));
    await log.append('t1', ringWorld(1).map(encodeEvent));
    await log.append('t2', ringWorld(2, 20).map(encodeEvent));
    const first = new GraphEngine({ clock: new FixedClock(T0), dataDir: dir });
    assert.equal(first.catchUp(log), await log.count());
    first.recompute('t1');
    const probe = application({ person: 'P5', phone: 'ph5', device: 'ring-dev-1', ip: 'ip3', card: 'c5', address: 'a9', day: 80 });
    const before = first.read('t1', probe, GRAPH_FEATURE_NAMES);
    first.snapshot();

    const second = new GraphEngine({ clock: new FixedClock(T0), dataDir: dir });
    assert.equal(second.loadSnapshots(), await log.head());
    assert.equal(second.catchUp(log), 0, 'nothing after the snapshot');
    assert.deepEqual(second.read('t1', probe, GRAPH_FEATURE_NAMES), before);
    assert.deepEqual(second.stats('t2').nodesByType, first.stats('t2').nodesByType);

    // Events logged after the snapshot are replayed on the next start.
    const [late] = await log.append('t1', [encodeEvent(listed('person', 'P7', 'fraud', 90))]).then((r) => r.offsets);
    const third = new GraphEngine({ clock: new FixedClock(T0), dataDir: dir });
    third.loadSnapshots();
    assert.equal(third.catchUp(log), 1);
    assert.equal(third.offset, late);
    await log.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a graph built live equals one rebuilt from the same events in one go (features of every person)', () => {
  const events = ringWorld(3, 80);
  const live = new GraphEngine({ clock: new FixedClock(T0), minDelta: 10, deltaShare: 0 });
  const rebuilt = new GraphEngine({ clock: new FixedClock(T0), minDelta: 1e9 });
  events.forEach((e, i) => live.apply('t', e, i + 1, Date.parse(e.time)));
  events.forEach((e, i) => rebuilt.apply('t', e, i + 1, Date.parse(e.time)));
  rebuilt.graph('t').store.compact();
  rebuilt.graph('t').components.rebuild(rebuilt.graph('t').store);
  for (let i = 0; i < 80; i++) {
    const probe = { id: `x${i}`, type: 'login', time: new Date(T0 + 100 * 86_400_000).toISOString(), data: { fingerprint: h('z'), ip: h('z'), idNumber: h(`P${i}`) } };
    assert.deepEqual(live.read('t', probe, GRAPH_FEATURE_NAMES), rebuilt.read('t', probe, GRAPH_FEATURE_NAMES), `P${i}`);
  }
});

test('the live listener applies appended events once (a replayed offset is skipped)', () => {
  const engine = new GraphEngine({ clock: new FixedClock(T0) });
  const e = application({ person: 'A', phone: 'p', device: 'd', ip: 'i', card: 'c', address: 'a', day: 0 });
  engine.listener('t', [{ offset: 5, event: e }]);
  engine.listener('t', [{ offset: 5, event: e }]);
  assert.equal(engine.offset, 5);
  assert.equal(engine.stats('t').nodesByType.person, 1);
  const loaded = engine.stats('t');
  assert.equal(loaded.edges, 5);
});

test('labels file: CSV and NDJSON, problems reported together, raw keys hashed like ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-labels-'));
  try {
    writeFileSync(join(dir, 'l.csv'), `entityType,key,label\nperson,${h('A')},fraud\nphone,raw-phone,blacklisted\n`);
    writeFileSync(join(dir, 'bad.ndjson'), '{"entityType":"planet","key":"x","label":"fraud"}\n{"entityType":"person","key":"y","label":"weird"}\n');
    const engine = new GraphEngine({ clock: new FixedClock(T0), hashKey: (raw) => h(raw) });
    assert.equal(engine.applyLabels('t', readLabelsFile(join(dir, 'l.csv'))), 2);
    assert.equal(engine.stats('t').labelledPersons.fraud, 1);
    assert.equal(engine.featuresOf('t', 'phone', 'raw-phone').blacklisted, 1, 'raw key hashed the same way');
    assert.throws(() => readLabelsFile(join(dir, 'bad.ndjson')), (err: { code: string; details: { problems: string[] } }) =>
      err.code === 'GRAPH_LABELS_INVALID' && err.details.problems.length === 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('neighbourhood: bounded BFS with masked keys, labels and edges', () => {
  const engine = new GraphEngine({ clock: new FixedClock(T0) });
  ringWorld(4, 30).forEach((e, i) => engine.apply('t', e, i + 1, Date.parse(e.time)));
  const n = engine.neighborhood('t', 'device', h('ring-dev-0'), 2, 50);
  assert.equal(n.nodes[0].type, 'device');
  assert.deepEqual(n.nodes[0].labels, ['blacklisted', 'fraud']);
  for (const node of n.nodes) {
    assert.ok(node.type === 'employer' || /^h:[A-Za-z0-9_-]{8}…$/.test(node.key), node.key);
    assert.ok(node.hop <= 2);
  }
  assert.ok(n.edges.length > 0);
  for (const e of n.edges) assert.ok(n.nodes.some((x) => x.id === e.source) && n.nodes.some((x) => x.id === e.target));
  const small = engine.neighborhood('t', 'device', h('ring-dev-0'), 2, 3);
  assert.equal(small.nodes.length, 3);
  assert.equal(small.truncated, true);
  assert.throws(() => engine.neighborhood('t', 'device', h('nope'), 1, 10), { code: 'GRAPH_NODE_NOT_FOUND' });
  assert.throws(() => engine.neighborhood('t', 'planet', h('x'), 1, 10), { code: 'GRAPH_ENTITY_TYPE_UNKNOWN' });
  assert.throws(() => engine.neighborhood('t', 'phone', 'raw', 1, 10), { code: 'GRAPH_KEY_UNHASHED' });
});

test('a snapshot that is not one, or is cut short, is refused with GRAPH_SNAPSHOT_INVALID', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-bad-'));
  try {
    const engine = new GraphEngine({ clock: new FixedClock(T0), dataDir: dir });
    ringWorld(5, 10).forEach((e, i) => engine.apply('t', e, i + 1, Date.parse(e.time)));
    engine.snapshot();
    const file = join(dir, 'graph', 't.graph');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    assert.throws(() => new GraphEngine({ clock: new FixedClock(T0), dataDir: dir }).loadSnapshots(), { code: 'GRAPH_SNAPSHOT_INVALID' });
    writeFileSync(file, 'not a snapshot at all');
    assert.throws(() => new GraphEngine({ clock: new FixedClock(T0), dataDir: dir }).loadSnapshots(), { code: 'GRAPH_SNAPSHOT_INVALID' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
