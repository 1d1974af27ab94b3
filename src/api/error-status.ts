// The only place that knows HTTP status codes: a RiskError's code maps to a status by its last word(s).
// Codes never change meaning once shipped, so neither does their status.

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
