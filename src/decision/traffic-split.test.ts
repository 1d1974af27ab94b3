import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import type { Release } from './store/decision-stores.js';
import { assign, bucketOf, checkSplit } from './traffic-split.js';

const release: Release = {
  id: 'rel_1', tenant: 't', slot: 'loans', createdAt: 0,
  champion: { id: 'loans', version: 3 },
  challengers: [{ flow: { id: 'loans', version: 4 }, percent: 10 }, { flow: { id: 'loans-alt', version: 1 }, percent: 25 }],
  shadows: [],
};

test('the split is stable: the same applicant always gets the same version, whatever else is drawn', () => {
  for (let i = 0; i < 200; i++) {
    const key = `h:applicant${i}`;
    assert.deepEqual(assign(release, key), assign(release, key));
    assert.deepEqual(assign({ ...release, id: 'rel_2', createdAt: 99 }, key), assign(release, key), 'a new release of the same slot keeps buckets');
  }
});

test('the split matches its percentages on many applicants', () => {
  const counts: Record<string, number> = {};
  const n = 40_000;
  for (let i = 0; i < n; i++) {
    const a = assign(release, `h:${(i * 2654435761) >>> 0}x${i}`);
    const k = `${a.flow.id}@${a.flow.version}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  // Binomial sd at n = 40k is under 0.25 points; allow 1 point.
  assert.ok(Math.abs((100 * counts['loans@4']) / n - 10) < 1, JSON.stringify(counts));
  assert.ok(Math.abs((100 * counts['loans-alt@1']) / n - 25) < 1, JSON.stringify(counts));
  assert.ok(Math.abs((100 * counts['loans@3']) / n - 65) < 1, JSON.stringify(counts));
});

test('a different salt reshuffles applicants independently', () => {
  let same = 0;
  for (let i = 0; i < 10_000; i++) if (bucketOf('a', `k${i}`) < 5000 === bucketOf('b', `k${i}`) < 5000) same++;
  assert.ok(same > 4700 && same < 5300, `${same}`);
});

test('percentages must be positive and sum to at most 100', () => {
  assert.equal(riskErrorCode(() => checkSplit([{ flow: { id: 'a', version: 1 }, percent: 0 }])), 'DECISION_RELEASE_INVALID');
  assert.equal(riskErrorCode(() => checkSplit([{ flow: { id: 'a', version: 1 }, percent: 60 }, { flow: { id: 'b', version: 1 }, percent: 41 }])), 'DECISION_RELEASE_INVALID');
  checkSplit([{ flow: { id: 'a', version: 1 }, percent: 100 }]);
});

test('percentages finer than one bucket (0.01) are refused, not rounded away', () => {
  const one = (percent: number) => [{ flow: { id: 'a', version: 1 }, percent }];
  assert.equal(riskErrorCode(() => checkSplit(one(0.001))), 'DECISION_RELEASE_INVALID');
  assert.equal(riskErrorCode(() => checkSplit(one(12.345))), 'DECISION_RELEASE_INVALID');
  for (const ok of [0.01, 0.07, 0.29, 12.34, 33.33, 99.99]) checkSplit(one(ok));
  checkSplit([33.33, 33.33, 33.34].map((percent) => one(percent)[0]));
  // The smallest share still gets its bucket.
  const tiny: Release = { ...release, challengers: [{ flow: { id: 'loans', version: 4 }, percent: 0.01 }] };
  let hits = 0;
  for (let i = 0; i < 100_000; i++) if (assign(tiny, `k${i}`).variant === 'challenger') hits++;
  assert.ok(hits > 0 && hits < 30, `${hits}`);
});

test('buckets are FNV-1a of "salt|key" with the finaliser, as before the parts were hashed without joining them', () => {
  // The joined-string version, kept here as the reference: buckets must never move (applicants would change versions).
  const joined = (salt: string, key: string) => {
    let h = 0x811c9dc5;
    const text = `${salt}|${key}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % 10_000;
  };
  for (let i = 0; i < 500; i++) {
    const salt = i % 3 === 0 ? '' : `slot-${i % 7}`;
    const key = `h:${(i * 2654435761) >>> 0}é${i}`;
    assert.equal(bucketOf(salt, key), joined(salt, key));
  }
  assert.equal(bucketOf('loans', 'h:abc'), 2138, 'a fixed value: the split of live releases does not move');
});
