// The event log's group write — one transaction per group, appends in order — and the writer thread that runs it.
// Plain CommonJS so that the thread starts in milliseconds without a TypeScript loader, and so that the main thread
// (':memory:' logs, and the fall-back after a writer failure) requires this very same function: one implementation.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { retryWhileLocked } = require('../core/sqlite-retry.cjs');

/** workerData.role that makes a thread loading this file the writer (the main thread only requires writeGroup). */
const WRITER_ROLE = 'argus-event-log-writer';

/**
 * Writes a group (see WireGroup in event-log-writer.ts) with a prepared INSERT OR IGNORE; returns one offset per
 * record across the whole group, 0 for a duplicate of a (tenant, id) already logged (earlier in this group included).
 * The caller wraps it in a transaction.
 */
function writeGroup(insert, group) {
  const offsets = [];
  const ids = group.ids.split('\n');
  const types = group.types.split('\n');
  const bodies = group.bodies.split('\n');
  let i = 0;
  for (let r = 0; r < group.tenants.length; r++) {
    const tenant = group.tenants[r];
    for (const end = i + group.counts[r]; i < end; i++) {
      const info = insert.run(tenant, ids[i], types[i], group.times[i], bodies[i]);
      offsets.push(info.changes === 1 ? Number(info.lastInsertRowid) : 0);
    }
  }
  return offsets;
}

/**
 * The writer thread: owns the write connection, answers each group with its offsets or the error that rolled it back.
 * A group the file is locked against (another process sharing the log) is tried again for up to options.retryForMs
 * before that error goes back to the appenders, who are waiting for it.
 */
function runWriterThread(options) {
  const Database = require(options.driver);
  const db = new Database(options.path);
  for (const pragma of options.pragmas) db.pragma(pragma);
  const insert = db.prepare(options.insert);
  const write = db.transaction((group) => writeGroup(insert, group));
  parentPort.on('message', (m) => {
    if (m.close) {
      db.close();
      parentPort.close();
      return;
    }
    try {
      parentPort.postMessage({ seq: m.seq, offsets: retryWhileLocked(() => write(m.group), options.retryForMs) });
    } catch (err) {
      parentPort.postMessage({ seq: m.seq, error: String(err && err.message) });
    }
  });
}

if (parentPort && workerData && workerData.role === WRITER_ROLE) runWriterThread(workerData);

module.exports = { writeGroup, WRITER_ROLE };
