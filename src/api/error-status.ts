// The only place that knows HTTP status codes: a RiskError's code maps to a status by its last word(s), and any
// other error a request ends in maps to a coded error body. Codes never change meaning once shipped, so neither does
// their status.
import { isRiskError } from '../core/index.js';

const BY_SUFFIX: readonly [string, number][] = [
  ['_NOT_FOUND', 404],
  ['_CONFLICT', 409],
  ['_EXISTS', 409],
  ['_MISSING_KEY', 401],
  ['_UNAUTHORIZED', 401],
  ['_FORBIDDEN', 403],
  ['_TOO_LARGE', 413],
  ['_UNSUPPORTED_MEDIA', 415],
  ['_UNAVAILABLE', 503],
  ['_TIMEOUT', 504],
  ['_INTERNAL', 500],
];

const EXACT: Readonly<Record<string, number>> = {
  API_KEY_MISSING: 401,
  API_KEY_INVALID: 401,
  API_MEDIA_UNSUPPORTED: 415,
  STORE_LOG_UNAVAILABLE: 503,
  // The audit store lost the names of a record's values: the server's data, not the request, is wrong.
  AUDIT_SHAPE_MISSING: 500,
  // The audit file cannot be written (locked past every retry, disk full): the records are held, the store is down.
  AUDIT_WRITE_FAILED: 503,
};

export function statusForCode(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [suffix, status] of BY_SUFFIX) if (code.endsWith(suffix)) return status;
  return 400;
}

/** The answer to a request that ended in `error`: status and coded body; `internal` errors are also logged. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: unknown };
  readonly internal: boolean;
}

/**
 * Fastify's error handler and the decide fast path (decide-fast-path.ts) answer through this one mapping: a RiskError
 * by its code; fastify's own client errors (body too large, media type, malformed JSON) by their status.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (isRiskError(error)) return { status: statusForCode(error.code), body: { error: error.toJSON() }, internal: false };
  const fastifyError = error as { statusCode?: number; code?: string; message: string };
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    const code = fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'API_URL_TOO_LONG'
      : fastifyError.code === 'FST_ERR_BAD_URL' ? 'API_URL_INVALID'
      : fastifyError.statusCode === 413 ? 'API_BODY_TOO_LARGE'
      : fastifyError.statusCode === 415 ? 'API_MEDIA_UNSUPPORTED'
      : fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message) ? 'API_JSON_MALFORMED'
      : 'API_REQUEST_INVALID';
    return { status: fastifyError.statusCode, body: { error: { code, message: fastifyError.message, details: {} } }, internal: false };
  }
  return { status: 500, body: { error: { code: 'API_INTERNAL', message: 'internal error', details: {} } }, internal: true };
}
