import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFeaturePlan } from './feature-plan.js';
import { SetRuntime } from './set-runtime.js';
import { evaluateAndApply, planRequest } from './feature-request.js';
import { MapLoanLinks, MapStateAccess } from './state-access.js';
import { decodeKeyState, encodeKeyState } from './key-state-codec.js';
import { ByteReader, ByteWriter } from './byte-buffer.js';
import { EXERCISE_SPEC, randomStream } from './testing/random-stream.js';

test('a decoded state continues exactly like the original (bucketed keys, distinct trackers, lifetime totals)', () => {
  const plan = compileFeaturePlan(EXERCISE_SPEC);
  const events = randomStream({ seed: 3, events: 1600 });
  const original = new SetRuntime(plan);
  const live = new MapStateAccess(plan.entities.length);
  const links = new MapLoanLinks();
  const request = planRequest(plan);
  for (const e of events.slice(0, 800)) original.apply(e, live, links);

  const copy = new MapStateAccess(plan.entities.length);
  const writer = new ByteWriter();
  let bucketed = 0;
  for (const entity of plan.entities) {
    for (const [key, state] of live.maps[entity.index]) {
      if (state.streams.some((s) => s?.bucketed)) bucketed++;
      writer.reset();
      encodeKeyState(state, entity, writer);
      copy.set(entity.index, key, decodeKeyState(new ByteReader(writer.take()), entity));
    }
  }
  assert.ok(bucketed > 0, 'some keys are bucketed when the copy is made');
  const copyLinks = new MapLoanLinks();
  for (const [loan, owner] of links.map) copyLinks.link(loan, owner);
  const restored = new SetRuntime(plan);
  for (const e of events.slice(800)) {
    assert.deepEqual(evaluateAndApply(restored, request, e, copy, copyLinks), evaluateAndApply(original, request, e, live, links));
  }
});

test('a key past the exact distinct limit round-trips through its HyperLogLog', () => {
  const plan = compileFeaturePlan({
    name: 'hll',
    features: [{ name: 'd.ips', entity: 'device', events: ['login'], aggregation: 'distinct_count', field: 'ip', window: '7d' }],
  });
  const rt = new SetRuntime(plan);
  const access = new MapStateAccess(1);
  const links = new MapLoanLinks();
  for (let i = 0; i < 5000; i++) rt.apply({ type: 'login', time: i * 1000, data: { fingerprint: 'h:d', ip: `h:${i}` } }, access, links);
  const state = access.get(0, 'h:d')!;
  assert.ok(state.streams[0]!.distinct![0]!.hll, 'the tracker switched to HyperLogLog');
  const w = new ByteWriter();
  encodeKeyState(state, plan.entities[0], w);
  const back = decodeKeyState(new ByteReader(w.take()), plan.entities[0]);
  const f = plan.features[0];
  assert.equal(f.kind, 'windowed');
  if (f.kind !== 'windowed') return;
  assert.equal(rt.valueOf(f, back, 5000 * 1000), rt.valueOf(f, state, 5000 * 1000));
});
