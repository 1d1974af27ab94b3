// For tests that assert on an error's stable code: runs fn, demands a RiskError, returns its code.
import assert from 'node:assert/strict';
import { RiskError } from '../../src/core/index.js';

export function riskErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof RiskError, `expected a RiskError, got ${String(err)}`);
    return err.code;
  }
  assert.fail('expected a RiskError, but nothing was thrown');
}
