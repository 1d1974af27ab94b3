// Identifier masking and the audit batch write, and the writer thread that runs them. Plain CommonJS so that the
// thread starts in milliseconds without a TypeScript loader, and so that the main thread (':memory:' stores, the
// fall-back after a writer failure, IdentifierMasker) requires these very same functions: one implementation.
'use strict';
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const { retryWhileLocked } = require('../core/sqlite-retry.cjs');

/** Ingest's keyed-hash prefix (HASH_PREFIX in src/ingest; audit does not depend on ingest for one constant). */
const HASH_PREFIX = 'h:';
const MASK_PREFIX = HASH_PREFIX + '~';
/**
 * A keyed hash is the prefix then at least this many base64url characters (generous, so a format change still masks;
 * and more than MASK_PREFIX needs to number a record's tokens by their order).
 */
const MIN_HASH_BODY = 8;
/** workerData.role that makes a thread loading this file the writer (the main thread only requires functions). */
const AUDIT_WRITER_ROLE = 'argus-audit-writer';

/** The base64url run after a "h:" (sticky: it matches exactly at lastIndex, possibly empty). */
const HASH_BODY = /[A-Za-z0-9_-]*/y;

/**
 * Replaces every keyed hash inside a text (one record's JSON) — values and keys alike — with a token local to the
 * text: "h:~" then digits, as long as the hash, numbered in the sorted order of the record's distinct hashes
 * ("h:~000000000000000000001", ...). So equal hashes get equal tokens, and a token compares with another and
 * measures (size) exactly as its hash did: rules that compare identifiers (equal, before, after) or measure them
 * replay identically, yet the record links to no one outside itself. What a token cannot keep: how a hash compares
 * with a text that is not one of the record's hashes (a literal in a rule: by order, or equal when it was that very
 * hash), and its characters (startsWith, matches). Every record is masked, so this is on the writer's hot path:
 * indexOf finds each "h:" and a sticky regex measures the hash after it (cheaper than a character scan or a global
 * regex with a callback, measured on demo records); the distinct hashes are ranked by a number made of their first
 * characters (sorting the hashes themselves, slices of the text, cost twice the whole scan) and the text is rebuilt
 * once: ~5.5-6.5 µs a 1.7 KB record with 17 hashes, against ~4 µs for first-seen numbering without order.
 */
function maskText(text) {
  let at = text.indexOf(HASH_PREFIX);
  if (at < 0) return text;
  const indexOf = new Map();
  const distinct = [];
  const keys = [];
  const starts = [];
  const which = [];
  while (at >= 0) {
    const start = at + HASH_PREFIX.length;
    HASH_BODY.lastIndex = start;
    HASH_BODY.test(text);
    const end = HASH_BODY.lastIndex;
    if (end - start >= MIN_HASH_BODY) {
      const hash = text.slice(at, end);
      let index = indexOf.get(hash);
      if (index === undefined) {
        index = distinct.length;
        indexOf.set(hash, index);
        distinct.push(hash);
        keys.push(orderKey(text, start, end));
      }
      starts.push(at);
      which.push(index);
      at = text.indexOf(HASH_PREFIX, end);
    } else {
      at = text.indexOf(HASH_PREFIX, at + 1);
    }
  }
  if (starts.length === 0) return text;
  const tokens = tokensFor(distinct, keys);
  let out = '';
  let copied = 0;
  for (let i = 0; i < starts.length; i++) {
    out += text.slice(copied, starts[i]) + tokens[which[i]];
    copied = starts[i] + distinct[which[i]].length;
  }
  return out + text.slice(copied);
}

/** Characters of a hash's body that orderKey packs: 7 x 7 bits, exact in a double (2^49 < 2^53). */
const KEY_CHARS = 7;

/**
 * A number that orders hashes as their text does (by UTF-16 code units, as CEL compares strings) wherever their first
 * KEY_CHARS body characters differ; a shorter body is padded with 0, below every character. Equal keys are compared
 * as text. Base64url characters are ASCII, so 7 bits each.
 */
function orderKey(text, start, end) {
  let key = 0;
  for (let i = 0; i < KEY_CHARS; i++) key = key * 128 + (start + i < end ? text.charCodeAt(start + i) & 127 : 0);
  return key;
}

/**
 * Each distinct hash's token (by its index): in the hashes' sorted order, each the smallest run of digits of its
 * hash's length (after MASK_PREFIX) that sorts after the previous token. Hashes of one length (every keyed hash: "h:"
 * and 22 characters) get their rank, zero-padded; hashes of different lengths still get tokens in order (a longer
 * one extends the previous token, a shorter one increments the previous token's start). Order holds below 10^7
 * distinct hashes a record.
 */
function tokensFor(distinct, keys) {
  const order = new Array(distinct.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b] || (distinct[a] < distinct[b] ? -1 : distinct[a] > distinct[b] ? 1 : 0));
  const tokens = new Array(distinct.length);
  if (sameLength(distinct)) {
    const ranks = rankTokens(distinct[0].length - MASK_PREFIX.length);
    for (let rank = 0; rank < order.length; rank++) tokens[order[rank]] = ranks(rank);
    return tokens;
  }
  let previous = '';
  for (const index of order) {
    const width = distinct[index].length - MASK_PREFIX.length;
    let digits;
    if (previous === '') digits = '1'.padStart(width, '0');
    else if (width > previous.length) digits = previous.padEnd(width, '0');
    else digits = increment(previous.slice(0, width));
    tokens[index] = MASK_PREFIX + digits;
    previous = digits;
  }
  return tokens;
}

function sameLength(hashes) {
  const length = hashes[0].length;
  for (let i = 1; i < hashes.length; i++) if (hashes[i].length !== length) return false;
  return true;
}

/** Tokens by rank for one width, made once: every record numbers its hashes from 1 again. */
const rankTokensByWidth = new Map();
function rankTokens(width) {
  let made = rankTokensByWidth.get(width);
  if (made === undefined) {
    // Keyed hashes have one width; odd hash-like runs may add a few. Bounded all the same.
    if (rankTokensByWidth.size >= 16) rankTokensByWidth.clear();
    rankTokensByWidth.set(width, (made = []));
  }
  return (rank) => made[rank] ?? (made[rank] = MASK_PREFIX + String(rank + 1).padStart(width, '0'));
}

/** A run of decimal digits plus one, same length (all nines stay nines: more tokens than the width can number). */
function increment(digits) {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i--;
  if (i < 0) return digits;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}

/** Index columns per record (AuditIndex in audit-schema.ts). */
const INDEX_COLUMNS = 9;

/**
 * Writes a batch, masking each body with its own tokens; the caller wraps it in a transaction. `bodies` is the
 * records' JSON, one string each: the list crosses to the writer thread as it is (cloning 25 strings costs the sender
 * less than joining them into one first, ~0.3 µs a record, and nothing here has to split them again). `index` holds
 * the records' index columns, INDEX_COLUMNS per record, flat: a short array of numbers and short strings clones for
 * less than the JSON text it replaced cost to write and to parse here. `shapes` holds the input shapes this batch's
 * records use (input-shapes.ts) as id, names JSON, id, names JSON, ...
 */
function writeBatch(insert, insertShape, bodies, index, shapes) {
  for (let i = 0; i + 1 < shapes.length; i += 2) insertShape.run(shapes[i], shapes[i + 1]);
  for (let i = 0, c = 0; i < bodies.length; i++, c += INDEX_COLUMNS) {
    insert.run(index[c], index[c + 1], index[c + 2], index[c + 3], index[c + 4], index[c + 5], index[c + 6], index[c + 7], index[c + 8],
      maskText(bodies[i]));
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
