import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic } from './logistic-regression.js';
import { RiskError } from '../../core/index.js';

// One binary covariate: x=0 has 10 events in 40, x=1 has 20 in 40. The MLE reproduces the group log-odds:
// intercept ln(10/30), slope ln(20/20) - ln(10/30) = ln 3.
const x = Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1));
const y = Float64Array.from({ length: 80 }, (_, i) => ((i < 40 ? i < 10 : i < 60) ? 1 : 0));

test('unpenalised fit recovers the group log-odds', () => {
  const fit = fitLogistic([x], y, { l2: 0 });
  assert.ok(fit.converged);
  assert.ok(Math.abs(fit.intercept - Math.log(1 / 3)) < 1e-9);
  assert.ok(Math.abs(fit.coefficients[0] - Math.log(3)) < 1e-9);
});

test('L2 shrinks the slope towards zero and the fit is deterministic', () => {
  const a = fitLogistic([x], y, { l2: 10 });
  const b = fitLogistic([x], y, { l2: 10 });
  assert.ok(a.coefficients[0] > 0 && a.coefficients[0] < Math.log(3));
  assert.deepEqual(a, b);
});

test('perfectly separated data stays finite with L2; a one-class target is an error', () => {
  const sep = fitLogistic([x], Float64Array.from(x), { l2: 1 });
  assert.ok(Number.isFinite(sep.coefficients[0]) && sep.coefficients[0] > 1);
  assert.throws(() => fitLogistic([x], new Float64Array(80)), (e: unknown) => e instanceof RiskError && e.code === 'LEARN_TARGET_DEGENERATE');
});
