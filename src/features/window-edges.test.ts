import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/index.js';
import { compileFeaturePlan, type WindowedFeature } from './feature-plan.js';
import { SetRuntime, type FeatureEvent } from './set-runtime.js';
import { evaluateAndApply, pickValues, planRequest } from './feature-request.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import type { FeatureSetSpec, FeatureSpec } from './feature-spec.js';

const T0 = Date.UTC(2025, 2, 3); // midnight: aligned to every bucket width but 7d

function harness(features: FeatureSpec[], extra: Partial<FeatureSetSpec> = {}) {
  const plan = compileFeaturePlan({ name: 'edges', features, ...extra });
  const rt = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  return {
    rt,
    apply: (e: FeatureEvent) => rt.apply(e, access, links),
    /** The value of feature `name` for device/applicant `key` as of time `at`. */
    at(name: string, key: string, at: number) {
      const f = plan.features[plan.byName.get(name)!] as WindowedFeature;
      return rt.valueOf(f, access.get(f.entity, key), at);
    },
    asOf(e: FeatureEvent) {
      const req = planRequest(plan);
      return pickValues(plan, req, evaluateAndApply(rt, req, e, access, links));
    },
  };
}

const login = (time: number, device = 'h:d1', extra: Record<string, unknown> = {}): FeatureEvent =>
  ({ type: 'login', time, data: { fingerprint: device, ip: 'h:ip', ...extra } });
const count = (name: string, window: string, more: Partial<FeatureSpec> = {}): FeatureSpec =>
  ({ name, entity: 'device', events: ['login'], aggregation: 'count', window, ...more });

test('an exact window includes an event exactly `range` old and drops it 1 ms later', () => {
  const h = harness([count('c.1h', '1h')]);
  h.apply(login(T0));
  assert.equal(h.at('c.1h', 'h:d1', T0 + HOUR_MS), 1);
  assert.equal(h.at('c.1h', 'h:d1', T0 + HOUR_MS + 1), 0);
});

test('a bucketed window reaches back to the start of the bucket holding q - range, never less than range', () => {
  // 30d -> 12h buckets. An event 30d + 11h old is in the bucket holding q - 30d, so it still counts.
  const h = harness([count('c.30d', '30d')]);
  h.apply(login(T0));
  assert.equal(h.at('c.30d', 'h:d1', T0 + 30 * DAY_MS + 11 * HOUR_MS), 1);
  assert.equal(h.at('c.30d', 'h:d1', T0 + 30 * DAY_MS + 12 * HOUR_MS), 0);
  // The same rule holds once the key is busy enough to be kept in buckets.
  const busy = harness([count('c.30d', '30d')]);
  for (let i = 0; i < 40; i++) busy.apply(login(T0 + i * MINUTE_MS));
  assert.equal(busy.at('c.30d', 'h:d1', T0 + 30 * DAY_MS + 11 * HOUR_MS), 40);
  assert.equal(busy.at('c.30d', 'h:d1', T0 + 30 * DAY_MS + 12 * HOUR_MS), 0);
});

test('empty windows: zero for count, sum and distinct; missing for mean, min, max, first, last, time_since', () => {
  const field = { field: 'amount' };
  const h = harness([
    count('c', '1h'),
    { name: 's', entity: 'device', events: ['login'], aggregation: 'sum', window: '1h', ...field },
    { name: 'm', entity: 'device', events: ['login'], aggregation: 'mean', window: '1h', ...field },
    { name: 'mn', entity: 'device', events: ['login'], aggregation: 'min', window: '1h', ...field },
    { name: 'mx', entity: 'device', events: ['login'], aggregation: 'max', window: '1h', ...field },
    { name: 'f', entity: 'device', events: ['login'], aggregation: 'first', window: '1h', ...field },
    { name: 'l', entity: 'device', events: ['login'], aggregation: 'last', window: '1h', ...field },
    { name: 'dc', entity: 'device', events: ['login'], aggregation: 'distinct_count', window: '1h', field: 'ip' },
    { name: 'tf', entity: 'device', events: ['login'], aggregation: 'time_since_first', window: '1h' },
    { name: 'tl', entity: 'device', events: ['login'], aggregation: 'time_since_last', window: '1h' },
  ]);
  const first = h.asOf(login(T0));
  assert.deepEqual(first, { c: 0, s: 0, m: null, mn: null, mx: null, f: null, l: null, dc: 0, tf: null, tl: null });
  // An event without the field is counted, but gives sum/mean nothing to work on.
  const second = h.asOf(login(T0 + MINUTE_MS));
  assert.equal(second.c, 1);
  assert.equal(second.s, 0);
  assert.equal(second.m, null);
  assert.equal(second.tl, MINUTE_MS / DAY_MS);
});

test('a feature whose entity the event does not carry is missing, not zero', () => {
  const h = harness([{ name: 'e.apps', entity: 'employer', events: ['application.submitted'], aggregation: 'count', window: '1d' }]);
  const app = (employer?: string): FeatureEvent => ({ type: 'application.submitted', time: T0, data: employer ? { employer } : {} });
  assert.deepEqual(h.asOf(app()), { 'e.apps': null });
  assert.deepEqual(h.asOf(app('Acme')), { 'e.apps': 0 });
  assert.deepEqual(h.asOf(app(' ACME ')), { 'e.apps': 1 });
});

test('out of order: a late event counts at the key clock; one later than the lateness is ignored', () => {
  const h = harness([count('c.1h', '1h')], { lateness: '3h' });
  h.apply(login(T0 + 10 * HOUR_MS));
  h.apply(login(T0 + 8 * HOUR_MS)); // 2h late: counted as of 10:00
  assert.equal(h.at('c.1h', 'h:d1', T0 + 10 * HOUR_MS + 30 * MINUTE_MS), 2);
  h.apply(login(T0 + 6 * HOUR_MS)); // 4h late: ignored
  assert.equal(h.at('c.1h', 'h:d1', T0 + 10 * HOUR_MS), 2);
  assert.equal(h.rt.counters.lateDropped, 1);
});

test('TTL: a key idle for longer than the ttl starts afresh, lifetime values included', () => {
  const h = harness([count('c.life', 'lifetime'), count('c.180d', '180d')], { ttl: '200d' });
  h.apply(login(T0));
  h.apply(login(T0 + 150 * DAY_MS));
  assert.equal(h.at('c.life', 'h:d1', T0 + 150 * DAY_MS), 2);
  assert.equal(h.at('c.life', 'h:d1', T0 + 350 * DAY_MS), 2);
  assert.equal(h.at('c.life', 'h:d1', T0 + 350 * DAY_MS + 1), 0, 'idle 200d + 1ms: forgotten');
  h.apply(login(T0 + 400 * DAY_MS));
  assert.equal(h.at('c.life', 'h:d1', T0 + 400 * DAY_MS), 1);
});

test('rows windows keep the last N events whatever their age', () => {
  const h = harness([{ name: 'last3', entity: 'device', events: ['login'], aggregation: 'sum', field: 'amount', window: 'rows:3' }]);
  for (const [i, amount] of [5, 7, 11, 13].entries()) h.apply(login(T0 + i * 90 * DAY_MS, 'h:d1', { amount }));
  assert.equal(h.at('last3', 'h:d1', T0 + 300 * DAY_MS), 31);
});

test('maxEventsPerKey caps the events an exact window can see (OpenMLDB MAXSIZE)', () => {
  const h = harness([count('c.1d', '1d')], { maxEventsPerKey: 1000 });
  for (let i = 0; i < 1500; i++) h.apply(login(T0 + i * 1000));
  assert.equal(h.at('c.1d', 'h:d1', T0 + 1500 * 1000), 1000);
});

test('distinct counts are exact up to the tracker limit and within a few percent beyond it', () => {
  const h = harness([
    { name: 'ips.1d', entity: 'device', events: ['login'], aggregation: 'distinct_count', field: 'ip', window: '1d' },
    { name: 'ips.7d', entity: 'device', events: ['login'], aggregation: 'distinct_count', field: 'ip', window: '7d' },
  ]);
  for (let i = 0; i < 2000; i++) h.apply(login(T0 + i * 1000, 'h:d1', { ip: `h:ip${i % 1500}` }));
  assert.equal(h.at('ips.1d', 'h:d1', T0 + 2000 * 1000), 1500);
  for (let i = 0; i < 20_000; i++) h.apply(login(T0 + 2 * DAY_MS + i * 1000, 'h:d1', { ip: `h:x${i}` }));
  const later = T0 + 2 * DAY_MS + 20_000 * 1000;
  const oneDay = h.at('ips.1d', 'h:d1', later)!;
  const sevenDays = h.at('ips.7d', 'h:d1', later)!;
  assert.ok(Math.abs(oneDay - 20_000) / 20_000 < 0.1, `1d estimate ${oneDay}`);
  assert.ok(Math.abs(sevenDays - 21_500) / 21_500 < 0.1, `7d estimate ${sevenDays}`);
});
