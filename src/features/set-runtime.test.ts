import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { evaluateAndApply, evaluateRequest, pickValues, planRequest } from './feature-request.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { referenceValues } from './reference-evaluator.js';
import { EXERCISE_SPEC, randomStream } from './testing/random-stream.js';
import type { FeatureValues } from './feature-spec.js';

function assertClose(actual: FeatureValues, expected: FeatureValues, where: string): void {
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (want === null || got === null || got === undefined) {
      assert.equal(got, want, `${where}: ${name}`);
    } else {
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${where}: ${name} = ${got}, expected ${want}`);
    }
  }
}

test('every aggregation and window kind agrees with the brute-force reference, event by event', () => {
  const events = randomStream({ seed: 7, events: 1500 });
  const expected = referenceValues(EXERCISE_SPEC, events);
  const plan = compileFeaturePlan(EXERCISE_SPEC);
  const backfill = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const request = planRequest(plan);
  let bucketed = 0;
  events.forEach((event, i) => {
    const online = pickValues(plan, request, evaluateRequest(backfill, request, event, access, links));
    const applied = pickValues(plan, request, evaluateAndApply(backfill, request, event, access, links));
    assert.deepEqual(online, applied, `event ${i}: request path differs from apply path`);
    assertClose(applied, expected[i], `event ${i} (${event.type})`);
  });
  for (const state of access.maps[0].values()) if (state.streams.some((s) => s?.bucketed)) bucketed++;
  assert.ok(bucketed > 0, 'the stream should push some device keys into bucketed mode');
  assert.ok(backfill.counters.lateDropped > 0, 'some events should be too late for their key');
});

test('request mode: exclude leaves the current event out, include counts it', () => {
  const spec = {
    name: 'modes',
    features: [
      { name: 'd.ex', entity: 'device', events: ['login'], aggregation: 'count', window: '1h' },
      { name: 'd.in', entity: 'device', events: ['login'], aggregation: 'count', window: '1h', request: 'include' },
      { name: 'd.rows.in', entity: 'device', events: ['login'], aggregation: 'count', window: 'rows:2', request: 'include' },
      { name: 'd.rows.ex', entity: 'device', events: ['login'], aggregation: 'count', window: 'rows:2' },
    ],
  } as const;
  const plan = compileFeaturePlan(spec);
  const rt = new SetRuntime(plan);
  const access = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const req = planRequest(plan);
  const login = (t: number) => ({ type: 'login', time: t, data: { fingerprint: 'h:d', ip: 'h:i' } });
  const seen: FeatureValues[] = [];
  for (const t of [0, 1000, 2000]) seen.push(pickValues(plan, req, evaluateAndApply(rt, req, login(t), access, links)));
  assert.deepEqual(seen.map((v) => [v['d.ex'], v['d.in'], v['d.rows.ex'], v['d.rows.in']]), [[0, 1, 0, 1], [1, 2, 1, 2], [2, 3, 2, 2]]);
});
