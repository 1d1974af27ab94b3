import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRiskError } from '../core/index.js';
import { validateFeatureSet } from './spec-validator.js';
import type { SpecProblem } from './spec-problems.js';

function problemsOf(spec: unknown): SpecProblem[] {
  try {
    validateFeatureSet(spec);
  } catch (err) {
    assert.ok(isRiskError(err));
    assert.equal(err.code, 'FEATURE_SPEC_INVALID');
    return err.details.problems as SpecProblem[];
  }
  assert.fail('the spec was accepted');
}

const ok = { name: 'd.c', entity: 'device', events: ['login'], aggregation: 'count', window: '1h' };

test('a valid set comes back with defaults filled in', () => {
  const set = validateFeatureSet({ name: 'demo', features: [ok] });
  assert.equal(set.ttl, '400d');
  assert.equal(set.lateness, '1d');
  assert.equal(set.features[0].request, 'exclude');
});

test('every problem of a bad set is reported with its own code and path', () => {
  const problems = problemsOf({
    name: 'Bad Name',
    ttl: '10d',
    features: [
      { ...ok, name: 'Upper.Case' },
      { ...ok, entity: 'planet' },
      { ...ok, name: 'd.x', events: ['loan.closed'] },
      { ...ok, name: 'd.y', events: ['no.such'] },
      { ...ok, name: 'd.w', window: '200d' },
      { ...ok, name: 'd.w2', window: 'rows:0' },
      { ...ok, name: 'd.sum', aggregation: 'sum' },
      { ...ok, name: 'd.cnt', field: 'ip' },
      { ...ok, name: 'd.f', filter: 'data.x ==' },
      { ...ok, name: 'd.agg', aggregation: 'median' },
      { ...ok, name: 'd.fan', aggregation: 'sum', field: 'contacts[].phone' },
      { ...ok, name: 'd.life', aggregation: 'distinct_count', field: 'ip', window: 'lifetime' },
      { name: 'r', aggregation: 'ratio', of: ['d.c', 'nope'] },
      { name: 'a', transform: 'log1p', inputs: ['b'] },
      { name: 'b', transform: 'log1p', inputs: ['a'] },
      { ...ok },
      { ...ok, name: 'd.c2' },
    ],
  });
  const codes = problems.map((p) => p.code);
  for (const code of [
    'FEATURE_SET_NAME_INVALID', 'FEATURE_SET_TTL_INVALID', 'FEATURE_NAME_INVALID', 'FEATURE_ENTITY_UNKNOWN',
    'FEATURE_ENTITY_NOT_IN_EVENT', 'FEATURE_EVENT_TYPE_UNKNOWN', 'FEATURE_WINDOW_INVALID', 'FEATURE_FIELD_MISSING',
    'FEATURE_FIELD_UNUSED', 'FEATURE_EXPRESSION_INVALID', 'FEATURE_AGGREGATION_UNKNOWN', 'FEATURE_FIELD_INVALID',
    'FEATURE_WINDOW_UNSUPPORTED', 'FEATURE_REFERENCE_UNKNOWN', 'FEATURE_DEPENDENCY_CYCLE', 'FEATURE_NAME_DUPLICATE',
  ]) {
    assert.ok(codes.includes(code), `missing ${code} in ${codes.join(', ')}`);
  }
  assert.equal(problems.filter((p) => p.code === 'FEATURE_WINDOW_INVALID').map((p) => p.path).join(), 'features[4].window,features[5].window');
});

test('a set that is not an object, or has no features, is refused with a code', () => {
  assert.equal(problemsOf(null)[0].code, 'FEATURE_SET_INVALID');
  assert.equal(problemsOf({ name: 'x', features: [] })[0].code, 'FEATURE_SET_EMPTY');
});
