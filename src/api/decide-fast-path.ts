// POST /v1/decide/:flow answered straight from Node's HTTP server, without fastify's per-request machinery (request
// and reply objects, hook runners, route lookup, content-type parser, promise wrapping): on this project's 2-core
// machine that machinery cost a trivial JSON POST about a fifth of its server CPU (docs/decision.md, "HTTP: where
// the two cores go"), and decide is the route the traffic is.
//
// It answers only where its answer is fastify's by construction, and hands everything else to fastify:
//  - before the body is read, from the request line and headers: a plain POST to /v1/decide/<flow> (the flow id in
//    unreserved characters, at most fastify's 100 for a parameter), no query or only distinct trace=/append= of
//    true/false, a JSON content type fastify's own parser takes, a body length given and within the limit, a known
//    API key, the server not closing. Anything else: `handled` is false and fastify routes the untouched request;
//  - once the body is read: a body JSON.parse refuses, or whose text could hide a prototype key (`__proto__`,
//    `constructor`, any `\u` escape), goes to fastify through `inject` with the same method, URL, headers and
//    bytes, and fastify's answer is written back: its parser decides, as before;
//  - errors from deciding map through the error handler's own mapping (error-status.ts).
// Success answers are fastify's bytes too: JSON.stringify of the same wire object, the same content type.
// Fastify hooks do not see the requests answered here: a hook that must see every decide (auth is already the one
// hook, asked here through tenantOf) has to be asked here too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { errorAnswer } from './error-status.js';
import { decideRequest, type DecideQuery } from './routes/decision-routes.js';
import type { DecisionServices } from './services.js';
import { tenantOf } from './tenant-auth.js';

/** Fastify's default maxParamLength: a longer flow id is not its route (404). */
const MAX_PARAM_LENGTH = 100;
const DECIDE_URL = /^\/v1\/decide\/([A-Za-z0-9._~-]+)(?:\?(.*))?$/;
const QUERY_PAIR = /^(trace|append)=(true|false)$/;
/** The content types fastify's JSON parser takes that need no further reading of the header. */
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
const JSON_HEADERS = 'application/json; charset=utf-8';
/** Headers of an injected answer that belong to that connection, not to this one (Node sets its own). */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

export interface DecideFastPathOptions {
  readonly services: DecisionServices;
  readonly apiKeys: ReadonlyMap<string, string>;
  readonly bodyLimit: number;
  /** The fastify app, for what the fast path hands over (inject) and for logging internal errors. */
  readonly app: () => FastifyInstance;
  /** True once the app is closing: fastify then answers 503 itself. */
  readonly closing: () => boolean;
}

/** Takes a request (true) or leaves it, unread, to fastify (false). */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export function decideFastPath(options: DecideFastPathOptions): FastPath {
  const { services, apiKeys, bodyLimit } = options;
  return (req, res) => {
    if (req.method !== 'POST' || options.closing()) return false;
    const url = req.url ?? '';
    const m = DECIDE_URL.exec(url);
    if (!m || m[1].length > MAX_PARAM_LENGTH) return false;
    const query = m[2] === undefined ? {} : simpleQuery(m[2]);
    if (!query) return false;
    const headers = req.headers;
    if (!JSON_TYPES.has(headers['content-type'] ?? '') || headers['transfer-encoding'] !== undefined) return false;
    const length = headers['content-length'];
    if (length === undefined || !/^[0-9]{1,10}$/.test(length) || Number(length) === 0 || Number(length) > bodyLimit) return false;
    let tenant: string;
    try {
      tenant = tenantOf({ url, headers }, apiKeys);
    } catch {
      return false; // fastify's auth hook answers it (401)
    }
    const flow = m[1];
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const text = bytes.toString('utf8');
      let body: unknown;
      try {
        if (suspect(text)) throw new Error('left to fastify');
        body = JSON.parse(text);
      } catch {
        void handOver(options.app(), req, res, bytes);
        return;
      }
      // Serialised inside the chain, so that a value JSON.stringify refuses is answered as an error, as fastify does.
      decideRequest(services, tenant, flow, body, query).then((wire) => JSON.stringify(wire)).then(
        (payload) => send(res, 200, payload),
        (err: unknown) => {
          const answer = errorAnswer(err);
          if (answer.internal) options.app().log.error(err);
          send(res, answer.status, JSON.stringify(answer.body));
        },
      );
    });
    return true;
  };
}

/**
 * Text that JSON.parse may turn into a prototype key (`__proto__`, `constructor`, either spelled with `\u` escapes):
 * fastify's parser (secure-json-parse) judges such bodies. Three scans for a byte string, cheaper than its regexes.
 */
function suspect(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/** `trace` and `append` each at most once, as true or false; anything else (null) is fastify's to parse. */
function simpleQuery(text: string): DecideQuery | null {
  if (text === '') return {};
  const query: { trace?: string; append?: string } = {};
  for (const pair of text.split('&')) {
    const p = QUERY_PAIR.exec(pair);
    if (!p) return null;
    const key = p[1] as 'trace' | 'append';
    if (query[key] !== undefined) return null;
    query[key] = p[2];
  }
  return query;
}

function send(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, { 'content-type': JSON_HEADERS, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Lets fastify answer a request whose body was already read: the same request, injected, and its answer copied. */
async function handOver(app: FastifyInstance, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  try {
    const answer = await app.inject({
      method: 'POST', url: req.url, headers: req.headers, payload: body, remoteAddress: req.socket.remoteAddress,
    });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) res.setHeader(name, value);
    }
    // Fastify closes the connection after refusing a body (malformed JSON, a prototype key); so does this answer
    // (Node ends the socket after a response that says `connection: close`).
    if (answer.headers.connection === 'close') res.setHeader('connection', 'close');
    res.writeHead(answer.statusCode);
    res.end(answer.rawPayload);
  } catch (err) {
    app.log.error(err);
    res.destroy();
  }
}
