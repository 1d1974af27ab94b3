import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psi, psiOfSamples } from './population-stability.js';

test('psi of 50/50 vs 40/60 is 0.1*ln(1.2) + 0.1*ln(1.25) (hand-computed 0.0405465)', () => {
  assert.ok(Math.abs(psi([50, 50], [40, 60]) - 0.04054651081081642) < 1e-12);
  assert.equal(psi([0.5, 0.5], [0.5, 0.5]), 0);
});

test('psi is symmetric in expected/actual and floors empty bins to a finite value', () => {
  assert.ok(Math.abs(psi([50, 50], [40, 60]) - psi([40, 60], [50, 50])) < 1e-15);
  const v = psi([100, 0], [90, 10]);
  assert.ok(Number.isFinite(v) && v > 0.25);
});

test('psi of identical samples is 0; a shifted sample is flagged', () => {
  const a = Float64Array.from({ length: 1000 }, (_, i) => i);
  assert.equal(psiOfSamples(a, a), 0);
  const shifted = a.map((v) => v + 300);
  assert.ok(psiOfSamples(a, shifted) > 0.25);
});

test('missing values get their own bin in psiOfSamples', () => {
  const a = Float64Array.from({ length: 100 }, (_, i) => i);
  const b = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? NaN : i));
  assert.ok(psiOfSamples(a, b) > 1);
});
