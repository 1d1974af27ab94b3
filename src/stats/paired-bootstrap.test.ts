import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import { auc } from './auc.js';
import { pairedBootstrap, pick } from './paired-bootstrap.js';

function sample(n: number, seed: number) {
  const random = new Random(seed);
  const label = Float64Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0));
  // Model A sees the label through a little noise; model B through a lot.
  const a = Float64Array.from(label, (y) => y + random.next() * 1.2);
  const b = Float64Array.from(label, (y) => y + random.next() * 6);
  return { label, a, b };
}

const aucDifference = (s: ReturnType<typeof sample>, first: Float64Array, second: Float64Array) => (rows: Uint32Array) => {
  const label = pick(s.label, rows);
  return auc(pick(first, rows), label) - auc(pick(second, rows), label);
};

test('a model compared with itself differs by exactly zero in every resample', () => {
  const s = sample(500, 1);
  const r = pairedBootstrap(500, aucDifference(s, s.a, s.a), { resamples: 50 });
  assert.deepEqual([r.estimate, r.low, r.high, r.shareAtLeastZero, r.resamples], [0, 0, 0, 1, 50]);
});

test('a clearly better model has an interval above zero, the reverse comparison one below, and the estimate inside', () => {
  const s = sample(2000, 2);
  const better = pairedBootstrap(2000, aucDifference(s, s.a, s.b), { resamples: 100, seed: 7 });
  assert.ok(better.low > 0 && better.low <= better.estimate && better.estimate <= better.high, JSON.stringify(better));
  assert.equal(better.shareAtLeastZero, 1);
  const worse = pairedBootstrap(2000, aucDifference(s, s.b, s.a), { resamples: 100, seed: 7 });
  // The same resamples (same seed), so every difference is negated.
  assert.ok(Math.abs(worse.high + better.low) < 1e-12 && Math.abs(worse.low + better.high) < 1e-12);
  assert.equal(worse.shareAtLeastZero, 0);
});

test('resampling is deterministic given the seed and differs between seeds', () => {
  const s = sample(800, 3);
  const run = (seed: number) => pairedBootstrap(800, aucDifference(s, s.a, s.b), { resamples: 40, seed });
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
});

test('resamples whose statistic is undefined (no positives drawn) are left out, not counted as zero', () => {
  const label = new Float64Array(20);
  label[0] = 1;
  const score = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
  const r = pairedBootstrap(20, (rows) => auc(pick(score, rows), pick(label, rows)), { resamples: 200, seed: 1 });
  // P(row 0 never drawn in 20 draws) = (19/20)^20 ≈ 0.36: roughly a third of the resamples have no positive.
  assert.ok(r.resamples > 90 && r.resamples < 170, String(r.resamples));
  assert.equal(r.low, 1);
});
