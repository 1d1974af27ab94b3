// Retrying a SQLite write that another connection's lock got in the way of. Plain CommonJS: the writer threads
// (src/store/event-log-group-write.cjs, src/audit/audit-writer.cjs) start without a TypeScript loader and require it.
// busy_timeout makes SQLite wait for a lock, but some conflicts it answers with SQLITE_BUSY at once (a read
// transaction that would have to upgrade, a WAL being recovered or restarted by another process), so a writer
// sharing its file with other processes tries the whole transaction again.
'use strict';

/** SQLite's "someone else holds the lock" codes (extended ones too): worth trying again, unlike a full disk. */
function isTransientSqliteError(err) {
  const code = String((err && err.code) || '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs write() until it succeeds, throws a non-transient error, or retryForMs has passed (then throws the last). */
function retryWhileLocked(write, retryForMs) {
  const giveUpAt = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return write();
    } catch (err) {
      if (!isTransientSqliteError(err) || Date.now() >= giveUpAt) throw err;
      // A thread of our own: blocking it is the point (the deciding threads never call this).
      Atomics.wait(pause, 0, 0, Math.min(1000, 10 * attempt));
    }
  }
}

module.exports = { isTransientSqliteError, retryWhileLocked };
