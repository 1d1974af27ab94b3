import { test } from 'node:test';
import assert from 'node:assert/strict';
import { informationValue, outcomeCountsByBin, weightOfEvidence } from './weight-of-evidence.js';
import { RiskError } from '../core/index.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);

test('woe = ln(share of non-events / share of events): positive for the safer bin (hand-computed)', () => {
  // events (bads) 10 and 20 of 30; non-events (goods) 90 and 80 of 170
  const woe = weightOfEvidence([10, 20], [90, 80]);
  close(woe[0], Math.log(90 / 170 / (10 / 30))); // 0.462623521948
  close(woe[0], 0.46262352194811307);
  close(woe[1], -0.3483066942682157);
  close(informationValue([10, 20], [90, 80]), 0.15900592474829975);
});

test('a bin with zero events gets 0.5 added to both its counts, other bins stay exact', () => {
  const woe = weightOfEvidence([0, 10], [50, 40]);
  close(woe[0], Math.log(50.5 / 90.5 / (0.5 / 10.5)));
  close(woe[1], Math.log(40 / 90.5 / (10 / 10.5)));
  assert.ok(informationValue([0, 10], [50, 40]) > 0);
});

test('woe with no events at all is an error with a code', () => {
  assert.throws(() => weightOfEvidence([0, 0], [3, 4], 0), (e: unknown) => e instanceof RiskError && e.code === 'STATS_CLASS_EMPTY');
});

test('outcome counts per bin, NaN values in the last slot', () => {
  const c = outcomeCountsByBin([1, 2, 3, NaN], [1, 0, 0, 1], [1.5]);
  assert.deepEqual(Array.from(c.events), [1, 0, 1]);
  assert.deepEqual(Array.from(c.nonEvents), [0, 2, 0]);
});
