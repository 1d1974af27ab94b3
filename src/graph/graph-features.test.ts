// Each per-applicant feature on a hand-built graph whose answers are worked out by hand:
//   B (day 0): phone pB, device d1, address a2      - later defaulted
//   C (day 5): phone pC, device d2, address a1
//   D (day 6): phone pD, device d2, address a3      - blacklisted for fraud
//   A (day 10, the applicant): phone pA, device d1 (shared with B), address a1 (shared with C), contact pB
//   E (day 1): alone
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock } from '../core/index.js';
import { GraphEngine } from './graph-engine.js';
import { GRAPH_FEATURE_NAMES } from './feature-catalog.js';
import { application, DAY, h, listed, loanBooked, loanClosed, T0 } from './testing/event-builders.js';
import type { ArgusEvent } from '../ingest/index.js';

const TENANT = 't1';

function world(): { engine: GraphEngine; appA: ArgusEvent } {
  const engine = new GraphEngine({ clock: new FixedClock(T0) });
  let offset = 0;
  const feed = (e: ArgusEvent) => engine.apply(TENANT, e, ++offset, Date.parse(e.time));
  feed(application({ person: 'B', phone: 'pB', device: 'd1', ip: 'ipB', card: 'cB', address: 'a2', day: 0 }));
  feed(application({ person: 'E', phone: 'pE', device: 'dE', ip: 'ipE', card: 'cE', address: 'aE', day: 1 }));
  feed(application({ person: 'C', phone: 'pC', device: 'd2', ip: 'ipC', card: 'cC', address: 'a1', day: 5 }));
  feed(application({ person: 'D', phone: 'pD', device: 'd2', ip: 'ipD', card: 'cD', address: 'a3', day: 6 }));
  feed(loanBooked('L-B', 'B', 1));
  feed(loanClosed('L-B', 'charged_off', 8));
  feed(listed('person', 'D', 'fraud ring', 9));
  const appA = application({ person: 'A', phone: 'pA', device: 'd1', ip: 'ipA', card: 'cA', address: 'a1', contacts: ['pB'], day: 10 });
  return { engine, appA };
}

const read = (engine: GraphEngine, event: ArgusEvent) => {
  const values = engine.read(TENANT, event, GRAPH_FEATURE_NAMES);
  return (name: string) => values[`graph.${name}`];
};

test('degrees per identifier type and persons sharing each identifier', () => {
  const { engine, appA } = world();
  const f = read(engine, appA);
  assert.equal(f('known_person'), 0, 'A is read before its application is applied');
  assert.equal(f('identifiers'), 6);
  assert.equal(f('degree_phone'), 1);
  assert.equal(f('degree_contact'), 1);
  assert.equal(f('degree_device'), 1);
  assert.equal(f('degree_ip'), 1);
  assert.equal(f('degree_card'), 1);
  assert.equal(f('degree_address'), 1);
  assert.equal(f('degree_employer'), 0);
  assert.equal(f('device_shared_persons'), 1);
  assert.equal(f('address_shared_persons'), 1);
  assert.equal(f('contact_shared_persons'), 1, "pB is B's own phone");
  assert.equal(f('phone_shared_persons'), 0);
  assert.equal(f('any_shared_persons'), 1);
});

test('1- and 2-hop persons and labelled persons', () => {
  const { engine, appA } = world();
  const f = read(engine, appA);
  assert.equal(f('persons_1hop'), 2, 'B (device, contact) and C (address)');
  assert.equal(f('persons_2hop'), 1, 'D, through C\'s device d2');
  assert.equal(f('bad_1hop'), 1);
  assert.equal(f('defaulted_1hop'), 1);
  assert.equal(f('blacklisted_1hop'), 0);
  assert.equal(f('bad_2hop'), 1);
  assert.equal(f('blacklisted_2hop'), 1);
  assert.equal(f('fraud_2hop'), 1, 'the black-list reason says fraud');
  assert.equal(f('bad_rate_1hop'), 0.5);
  assert.equal(f('bad_rate_2hop'), 1);
  assert.equal(f('bad_within_2'), 2);
  assert.equal(f('persons_within_2'), 3);
  assert.equal(f('truncated'), 0);
});

test('component size and bad rate, including the applicant not yet applied', () => {
  const { engine, appA } = world();
  const f = read(engine, appA);
  assert.equal(f('component_size'), 4, 'A joins {B} and {C, D}');
  assert.equal(f('component_bad_rate'), 2 / 3);
  engine.apply(TENANT, appA, 100, Date.parse(appA.time));
  const after = read(engine, { ...appA, id: 'again' });
  assert.equal(after('component_size'), 4);
  assert.equal(after('known_person'), 1);
  assert.equal(after('device_shared_persons'), 1, 'A itself is not counted once stored');
});

test('time since links appeared: new identifiers and persons joining shared ones', () => {
  const { engine, appA } = world();
  const f = read(engine, appA);
  assert.equal(f('persons_joined_1d'), 0);
  assert.equal(f('persons_joined_7d'), 1, 'C linked to a1 five days earlier');
  assert.equal(f('persons_joined_30d'), 2, 'and B to d1 ten days earlier');
  assert.equal(f('first_link_age_days'), 0);
  assert.equal(f('links_new_7d'), 6);
  assert.equal(f('identifier_age_min_days'), 0, "A's own phone is new");
  engine.apply(TENANT, appA, 100, Date.parse(appA.time));
  const later = { id: 'login-A', type: 'login', time: new Date(T0 + 13 * DAY).toISOString(), data: { fingerprint: h('d1'), ip: h('ipA'), idNumber: h('A') } } as const;
  const g = read(engine, later as unknown as ArgusEvent);
  assert.equal(g('first_link_age_days'), 3);
  assert.equal(g('links_new_7d'), 6);
  assert.equal(g('last_activity_days'), 3);
});

test('batch features: community and propagation scores, with one-step estimates for new persons', () => {
  const { engine, appA } = world();
  const before = read(engine, appA);
  assert.equal(before('graph_risk_score'), null, 'no batch run yet');
  engine.recompute(TENANT);
  const f = read(engine, appA);
  assert.ok((f('community_persons') as number) >= 2);
  assert.ok((f('graph_risk_score') as number) > 0.5, `A is linked to two bad persons: ${f('graph_risk_score')}`);
  assert.ok((f('ppr_bad_mass') as number) > 0);
  const loner = read(engine, application({ person: 'Z', phone: 'pZ', device: 'dZ', ip: 'ipZ', card: 'cZ', address: 'aZ', day: 10 }));
  assert.equal(loner('persons_1hop'), 0);
  assert.ok((loner('graph_risk_score') as number) < (f('graph_risk_score') as number));
  assert.equal(loner('community_persons'), null, 'nothing to place it by');
});

test('a super-node (IP over its cap) is counted but not traversed', () => {
  const engine = new GraphEngine({ clock: new FixedClock(T0), caps: { ip: 3 } });
  let offset = 0;
  for (const p of ['P1', 'P2', 'P3', 'P4']) {
    const e = application({ person: p, phone: `ph${p}`, device: `dev${p}`, ip: 'public-wifi', card: `c${p}`, address: `a${p}`, day: 1 });
    engine.apply(TENANT, e, ++offset, Date.parse(e.time));
  }
  const f = read(engine, application({ person: 'Q', phone: 'phQ', device: 'devQ', ip: 'public-wifi', card: 'cQ', address: 'aQ', day: 2 }));
  assert.equal(f('ip_shared_persons'), 4);
  assert.equal(f('super_identifiers'), 1);
  assert.equal(f('persons_1hop'), 0);
  assert.equal(f('component_size'), 1);
});

test('the traversal budget bounds a read and says so', () => {
  const engine = new GraphEngine({ clock: new FixedClock(T0), traversalBudget: 5, caps: { device: 1000 } });
  let offset = 0;
  for (let i = 0; i < 20; i++) {
    const e = application({ person: `P${i}`, phone: `ph${i}`, device: 'shared', ip: `ip${i}`, card: `c${i}`, address: `a${i}`, day: 1 });
    engine.apply(TENANT, e, ++offset, Date.parse(e.time));
  }
  const f = read(engine, application({ person: 'Q', phone: 'phQ', device: 'shared', ip: 'ipQ', card: 'cQ', address: 'aQ', day: 2 }));
  assert.equal(f('truncated'), 1);
  assert.ok((f('persons_1hop') as number) <= 5);
  assert.equal(f('device_shared_persons'), 20, 'degrees are exact whatever the budget');
});

test('unknown names read as null; events about nobody give nulls', () => {
  const { engine, appA } = world();
  const values = engine.read(TENANT, appA, ['graph.persons_1hop', 'graph.nope', 'persons_1hop']);
  assert.equal(values['graph.persons_1hop'], 2);
  assert.equal(values['graph.nope'], null);
  assert.equal(values['persons_1hop'], null);
  const closed = loanClosed('L-X', 'paid_off', 3);
  assert.deepEqual(engine.read(TENANT, closed, ['graph.persons_1hop']), { 'graph.persons_1hop': null });
});
