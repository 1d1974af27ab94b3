import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionResult } from '../decision/index.js';
import { compactResult, expandResult } from './compact-result.js';

const result: DecisionResult = {
  outcome: 'review', creditLimit: null, price: 0.21, term: 12,
  reasons: [
    { code: 'ID_FEW_CONTACTS', node: 'identity', item: 'few-contacts', tier: 2, weight: 0 },
    { code: 'LIST_BLACK', node: 'lists', tier: 3, weight: 1 },
    { code: 'MODEL_INCOME', node: 'pd-model', item: 'income', tier: 1, weight: 0.3141592653589793 },
  ],
  tags: ['thin-file'], variables: { score: 560, band: 'D', who: 'h:abcdefghijkl' },
  missing: [
    { node: 'velocity', item: 'reapply', variable: 'days_since_last_app', policy: 'skip' },
    { node: 'rules', variable: 'debt_to_income', policy: 'review' },
  ],
};

test('a result stored with tuples reads back key for key, exact numbers included, through JSON', () => {
  const stored = JSON.parse(JSON.stringify(compactResult(result))) as DecisionResult;
  assert.ok(Array.isArray(stored.reasons[0]) && Array.isArray(stored.missing[0]), 'tuples at rest');
  const back = expandResult(stored);
  assert.deepStrictEqual(back, result);
  assert.deepEqual(Object.keys(back.reasons[1]), ['code', 'node', 'tier', 'weight'], 'an absent item stays absent');
  assert.ok(JSON.stringify(compactResult(result)).length < JSON.stringify(result).length);
});

test('results stored as objects (before tuples) read back as they are', () => {
  assert.deepStrictEqual(expandResult(JSON.parse(JSON.stringify(result)) as DecisionResult), result);
});
