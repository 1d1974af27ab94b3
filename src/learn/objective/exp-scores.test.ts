import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoxObjective } from './cox-objective.js';
import { GbstObjective } from './gbst-objective.js';
import { LogisticObjective } from './logistic-objective.js';
import type { Objective } from './objective.js';

// The booster keeps exp(F) current and hands it to objectives that declare usesExpScores; their gradients from it
// must match the ones computed from F.
const time = new Float64Array([2, 3, 1, 6, 4, 3]);
const event = new Float64Array([0, 1, 1, 1, 0, 1]);
const weight = new Float64Array([1, 2, 0.5, 1, 3, 1]);
const cases: [string, Objective][] = [
  ['binary', new LogisticObjective({ target: event, weight })],
  ['gbst', new GbstObjective({ time, event, weight }, { periods: 4, periodLength: 1 })],
  ['cox', new CoxObjective({ time, event, weight })],
];

for (const [name, objective] of cases) {
  test(`${name}: gradients from exp(F) equal those from F`, () => {
    assert.equal(objective.usesExpScores, true);
    const raw = Float64Array.from({ length: 6 * objective.outputs }, (_, q) => -1.5 + 0.4 * Math.sin(3 * q));
    const a = new Float32Array(2 * raw.length);
    const b = new Float32Array(2 * raw.length);
    objective.gradients(raw, a);
    objective.gradients(raw, b, raw.map(Math.exp));
    a.forEach((v, q) => assert.ok(Math.abs(v - b[q]) <= 1e-6 * Math.max(1, Math.abs(v)), `${name} entry ${q}: ${v} vs ${b[q]}`));
  });
}
