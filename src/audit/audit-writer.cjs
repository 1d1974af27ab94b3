// Identifier masking and the audit batch write, and the writer thread that runs them. Plain CommonJS so that the
// thread starts in milliseconds without a TypeScript loader, and so that the main thread (':memory:' stores, the
// fall-back after a writer failure, IdentifierMasker) requires these very same functions: one implementation.
'use strict';
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const { retryWhileLocked } = require('../core/sqlite-retry.cjs');

/** Ingest's keyed-hash prefix (HASH_PREFIX in src/ingest; audit does not depend on ingest for one constant). */
const HASH_PREFIX = 'h:';
const MASK_PREFIX = HASH_PREFIX + '~';
/** A keyed hash is the prefix then at least this many base64url characters (generous, so a format change still masks). */
const MIN_HASH_BODY = 8;
/** workerData.role that makes a thread loading this file the writer (the main thread only requires functions). */
const AUDIT_WRITER_ROLE = 'argus-audit-writer';

/** The base64url run after a "h:" (sticky: it matches exactly at lastIndex, possibly empty). */
const HASH_BODY = /[A-Za-z0-9_-]*/y;

/**
 * Replaces every keyed hash inside a text (such as a record's JSON) — values and keys alike — with a token local to
 * `tokens` ("h:~1", "h:~2", ...): equal hashes get equal tokens. Every record is masked, so this is on the writer's
 * hot path: indexOf finds each "h:" and a sticky regex measures the hash after it, which costs less than half a
 * character-by-character scan and less than a global regex with a replace callback (measured on demo records).
 */
function maskText(text, tokens = new Map()) {
  let at = text.indexOf(HASH_PREFIX);
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    const start = at + HASH_PREFIX.length;
    HASH_BODY.lastIndex = start;
    HASH_BODY.test(text);
    const end = HASH_BODY.lastIndex;
    if (end - start >= MIN_HASH_BODY) {
      const hash = text.slice(at, end);
      let token = tokens.get(hash);
      if (token === undefined) {
        token = MASK_PREFIX + (tokens.size + 1);
        tokens.set(hash, token);
      }
      out += text.slice(copied, at) + token;
      copied = end;
      at = text.indexOf(HASH_PREFIX, end);
    } else {
      at = text.indexOf(HASH_PREFIX, at + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Index columns per record (AuditIndex in audit-schema.ts). */
const INDEX_COLUMNS = 9;

/**
 * Writes a batch, masking each body with its own tokens; the caller wraps it in a transaction. `bodies` is the
 * records' JSON joined by newlines (JSON text never holds a raw newline): one flat string crosses to the writer
 * thread in one move. `index` holds the records' index columns, INDEX_COLUMNS per record, flat: a short array of
 * numbers and short strings clones for less than the JSON text it replaced cost to write and to parse here.
 * `shapes` holds the input shapes this batch's records use (input-shapes.ts) as id, names JSON, id, names JSON, ...
 */
function writeBatch(insert, insertShape, bodies, index, shapes) {
  for (let i = 0; i + 1 < shapes.length; i += 2) insertShape.run(shapes[i], shapes[i + 1]);
  const lines = bodies.split('\n');
  for (let i = 0, c = 0; i < lines.length; i++, c += INDEX_COLUMNS) {
    insert.run(index[c], index[c + 1], index[c + 2], index[c + 3], index[c + 4], index[c + 5], index[c + 6], index[c + 7], index[c + 8],
      maskText(lines[i]));
  }
}

/**
 * The writer thread: writes the batches waiting for it in one transaction, then publishes the last one's sequence
 * number in shared memory. Batches are sent small (a large one costs the sender a pause long enough to show in its
 * p99 latency), so whatever queued up while the previous transaction ran is drained and committed together.
 * A transaction that finds the file locked (sqlite-retry.cjs) is tried again until options.retryForMs has passed; a
 * batch that still cannot be written is reported on options.failures *before* its sequence number is published, so
 * the store, which reads that port whenever it sees the number move, always learns of it and writes it itself.
 */
function runWriterThread(options) {
  const Database = require(options.driver);
  const written = new Int32Array(options.done);
  const db = new Database(options.path);
  for (const pragma of options.pragmas) db.pragma(pragma);
  db.exec(options.schema);
  const insert = db.prepare(options.insert);
  const insertShape = db.prepare(options.insertShape);
  const write = db.transaction((batches) => {
    for (const m of batches) writeBatch(insert, insertShape, m.bodies, m.index, m.shapes);
  });
  const close = () => {
    db.close();
    parentPort.close();
  };
  parentPort.on('message', (first) => {
    if (first.close) return close();
    const batches = [first];
    let closing = false;
    for (let next = receiveMessageOnPort(parentPort); next !== undefined; next = receiveMessageOnPort(parentPort)) {
      if (next.message.close) {
        closing = true;
        break;
      }
      batches.push(next.message);
    }
    const last = batches[batches.length - 1].seq;
    try {
      retryWhileLocked(() => write(batches), options.retryForMs);
    } catch (err) {
      options.failures.postMessage({ error: String(err && err.message), code: String((err && err.code) || ''), seqs: batches.map((b) => b.seq) });
    }
    Atomics.store(written, 0, last);
    Atomics.notify(written, 0);
    if (closing) close();
  });
}

if (parentPort && workerData && workerData.role === AUDIT_WRITER_ROLE) runWriterThread(workerData);

module.exports = { maskText, writeBatch, MASK_PREFIX, AUDIT_WRITER_ROLE };
