import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionResult } from '../decision/index.js';
import { expandResult } from './compact-result.js';

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

test('a result stored with tuples (format 1) reads back key for key, exact numbers included', () => {
  // As format 1 wrote it: the result's own keys, reasons and missing reads as tuples.
  const stored = JSON.parse(JSON.stringify({
    ...result,
    reasons: [['ID_FEW_CONTACTS', 'identity', 'few-contacts', 2, 0], ['LIST_BLACK', 'lists', null, 3, 1], ['MODEL_INCOME', 'pd-model', 'income', 1, 0.3141592653589793]],
    missing: [['velocity', 'reapply', 'days_since_last_app', 'skip'], ['rules', null, 'debt_to_income', 'review']],
  })) as DecisionResult;
  const back = expandResult(stored);
  assert.deepStrictEqual(back, result);
  assert.deepEqual(Object.keys(back.reasons[1]), ['code', 'node', 'tier', 'weight'], 'an absent item stays absent');
});

test('results stored as objects (before tuples) read back as they are', () => {
  assert.deepStrictEqual(expandResult(JSON.parse(JSON.stringify(result)) as DecisionResult), result);
});
