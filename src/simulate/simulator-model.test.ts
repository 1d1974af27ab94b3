import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  SIMULATOR_MODEL, expectedRingSize, hazardCurve, lateProbability, monthlyHazard, ringGapMean, sigmoid,
} from './simulator-model.js';

const DOC = new URL('../../docs/simulator.md', import.meta.url);

function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? flatten(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v] as [string, unknown]]);
}

/** Rows "| `name` | value | ..." of the doc's "## Parameters" table; a value may be a number, a fraction or a JSON array. */
function documentedParameters(): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const start = lines.indexOf('## Parameters');
  assert.ok(start >= 0, 'docs/simulator.md has no "## Parameters" section');
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  for (const line of lines.slice(start, end < 0 ? lines.length : end)) {
    const m = /^\| `([a-zA-Z0-9.]+)` \| ([^|]+) \|/.exec(line);
    if (!m) continue;
    const cell = m[2].trim();
    const fraction = /^(-?\d+)\/(\d+)$/.exec(cell);
    rows.set(m[1], fraction ? Number(fraction[1]) / Number(fraction[2]) : JSON.parse(cell));
  }
  return rows;
}

test('docs/simulator.md states every model parameter with the value the code uses, and no other', () => {
  const documented = documentedParameters();
  const actual = new Map(flatten(SIMULATOR_MODEL));
  for (const [name, value] of actual) {
    assert.ok(documented.has(name), `${name} is not documented`);
    assert.deepEqual(documented.get(name), value, `${name} differs between code and doc`);
  }
  for (const name of documented.keys()) assert.ok(actual.has(name), `doc lists ${name}, which the model does not have`);
});

test('the hazard is the documented logistic formula', () => {
  const h = SIMULATOR_MODEL.hazard;
  assert.equal(monthlyHazard(0, 1, 6, false), sigmoid(h.alpha + h.monthEffect[0]));
  assert.equal(monthlyHazard(1, 3, 12, true), sigmoid(h.alpha + h.beta + h.monthEffect[2] + h.termEffect12 + h.repeatEffect));
  assert.equal(monthlyHazard(-2, 3, 3, false), sigmoid(h.alpha - 2 * h.beta + h.monthEffect[2] + h.termEffect3));
  assert.ok(monthlyHazard(-1, 1, 6, false) > monthlyHazard(1, 1, 6, false), 'a lower latent is riskier');
  assert.deepEqual(hazardCurve(0.3, 3, false, true), [1, 1, 1]);
  assert.equal(hazardCurve(0.3, 6, false, false).length, 6);
  assert.ok(lateProbability(-1) > lateProbability(1));
});

test('ring size and the gaps between rings give ring members their documented share of applicants', () => {
  const r = SIMULATOR_MODEL.rings;
  // Direct sum over the size distribution: P(size = s) for s = min .. max, the tail folded into max.
  let mean = 0;
  for (let extra = 0; extra <= r.maxSize - r.minSize; extra++) {
    const p = extra === r.maxSize - r.minSize
      ? Math.exp(-extra / r.sizeMeanExtra)
      : Math.exp(-extra / r.sizeMeanExtra) - Math.exp(-(extra + 1) / r.sizeMeanExtra);
    mean += p * (r.minSize + extra);
  }
  assert.ok(Math.abs(mean - expectedRingSize()) < 1e-9);
  for (const size of [3, 8, 30]) {
    assert.ok(Math.abs(size / (size + ringGapMean(size)) - SIMULATOR_MODEL.segments.ringShare) < 1e-12);
  }
});
