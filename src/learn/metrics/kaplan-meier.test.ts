import { test } from 'node:test';
import assert from 'node:assert/strict';
import { censoringSurvival, kaplanMeier, stepValueAt, stepValueBefore } from './kaplan-meier.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

test('kaplan-meier on a hand-computed case (a censoring tied with an event stays at risk)', () => {
  // at 1: 1 of 5 -> 0.8; at 2: 1 of 4 -> 0.6; at 3: 1 of 2 -> 0.3
  const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
  assert.deepEqual(Array.from(km.times), [1, 2, 3]);
  close(km.values[0], 0.8);
  close(km.values[1], 0.6);
  close(km.values[2], 0.3);
  assert.equal(stepValueAt(km, 0.5), 1);
  close(stepValueAt(km, 2), 0.6);
  close(stepValueBefore(km, 2), 0.8);
  close(stepValueAt(km, 99), 0.3);
});

test('the censoring distribution swaps event and censoring', () => {
  // censorings at 2 (4 at risk) and 4 (2 at risk): G = 0.75 from 2, 0.375 from 4
  const g = censoringSurvival([1, 2, 3, 4, 5], [1, 0, 1, 0, 1]);
  close(stepValueBefore(g, 3), 0.75);
  close(stepValueAt(g, 4), 0.375);
  close(stepValueBefore(g, 4), 0.75);
});
