import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const { retryWhileLocked, isTransientSqliteError } = createRequire(import.meta.url)('./sqlite-retry.cjs') as {
  retryWhileLocked<T>(write: () => T, retryForMs: number): T;
  isTransientSqliteError(err: unknown): boolean;
};

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

test('a write SQLite refused for a lock is tried again until it goes through', () => {
  let calls = 0;
  const result = retryWhileLocked(() => {
    calls++;
    if (calls === 1) throw sqliteError('SQLITE_BUSY_SNAPSHOT');
    if (calls === 2) throw sqliteError('SQLITE_LOCKED');
    return 'written';
  }, 5000);
  assert.equal(result, 'written');
  assert.equal(calls, 3);
});

test('other failures are not retried, and a lock that outlasts the retry window is reported', () => {
  let calls = 0;
  assert.throws(() => retryWhileLocked(() => {
    calls++;
    throw sqliteError('SQLITE_FULL');
  }, 5000), { code: 'SQLITE_FULL' });
  assert.equal(calls, 1, 'a full disk is not worth waiting for');
  const started = Date.now();
  assert.throws(() => retryWhileLocked(() => {
    throw sqliteError('SQLITE_BUSY');
  }, 50), { code: 'SQLITE_BUSY' });
  assert.ok(Date.now() - started >= 50);
  assert.equal(isTransientSqliteError(new Error('no code')), false);
});
