// Identifier masking and the audit batch write, and the writer thread that runs them. Plain CommonJS so that the
// thread starts in milliseconds without a TypeScript loader, and so that the main thread (':memory:' stores, the
// fall-back after a writer failure, IdentifierMasker) requires these very same functions: one implementation.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

/** Ingest's keyed-hash prefix (HASH_PREFIX in src/ingest; audit does not depend on ingest for one constant). */
const HASH_PREFIX = 'h:';
const MASK_PREFIX = HASH_PREFIX + '~';
/** A keyed hash is the prefix then at least this many base64url characters (generous, so a format change still masks). */
const MIN_HASH_BODY = 8;
/** workerData.role that makes a thread loading this file the writer (the main thread only requires functions). */
const AUDIT_WRITER_ROLE = 'argus-audit-writer';

/**
 * Replaces every keyed hash inside a text (such as a record's JSON) — values and keys alike — with a token local to
 * `tokens` ("h:~1", "h:~2", ...): equal hashes get equal tokens. A hand-written scan from each "h:" rather than a
 * regex with a callback: every record is masked, and the scan costs a fraction of the regex.
 */
function maskText(text, tokens = new Map()) {
  let at = text.indexOf(HASH_PREFIX);
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    const start = at + HASH_PREFIX.length;
    let end = start;
    while (end < text.length && isBase64Url(text.charCodeAt(end))) end++;
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

/** [A-Za-z0-9_-] */
function isBase64Url(c) {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * Writes a batch, masking each body with its own tokens; the caller wraps it in a transaction. A batch is one string:
 * for each record a line with its index columns (AuditIndex in audit-schema.ts) as a JSON array, then a line with its
 * JSON body (JSON text never holds a raw newline). One flat string crosses to the writer thread in one move, where
 * rows would be cloned value by value on the decision path.
 */
function writeBatch(insert, batch) {
  const lines = batch.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) insert.run(...JSON.parse(lines[i]), maskText(lines[i + 1]));
}

/** The writer thread: writes each batch in one transaction, then publishes its sequence number in shared memory. */
function runWriterThread(options) {
  const Database = require(options.driver);
  const written = new Int32Array(options.done);
  const db = new Database(options.path);
  for (const pragma of options.pragmas) db.pragma(pragma);
  db.exec(options.schema);
  const insert = db.prepare(options.insert);
  const write = db.transaction((batch) => writeBatch(insert, batch));
  parentPort.on('message', (m) => {
    if (m.close) {
      db.close();
      parentPort.close();
      return;
    }
    try {
      write(m.batch);
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.message), seq: m.seq });
    }
    Atomics.store(written, 0, m.seq);
    Atomics.notify(written, 0);
  });
}

if (parentPort && workerData && workerData.role === AUDIT_WRITER_ROLE) runWriterThread(workerData);

module.exports = { maskText, writeBatch, MASK_PREFIX, AUDIT_WRITER_ROLE };
