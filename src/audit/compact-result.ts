// Reading results stored in format 1 (record-layout.ts) with their reasons and missing reads as tuples —
// [code, node, item or null, tier, weight] and [node, item or null, variable, policy] — back into objects, key for
// key. Records from before the tuples hold objects and pass through. Format 2 stores them flat (record-layout.ts).
import type { DecisionResult, MissingRead, Reason } from '../decision/index.js';

type StoredReason = [string, string, string | null, number, number];
type StoredMissing = [string, string | null, string, string];

/** The result as decided (records stored before tuples existed hold objects and come back as they are). */
export function expandResult(stored: DecisionResult): DecisionResult {
  const reasons = stored.reasons as unknown as (Reason | StoredReason)[];
  const missing = stored.missing as unknown as (MissingRead | StoredMissing)[];
  return {
    ...stored,
    reasons: reasons.map((r) => (Array.isArray(r)
      ? (r[2] === null ? { code: r[0], node: r[1], tier: r[3], weight: r[4] } : { code: r[0], node: r[1], item: r[2], tier: r[3], weight: r[4] })
      : r)),
    missing: missing.map((m) => (Array.isArray(m)
      ? (m[1] === null ? { node: m[0], variable: m[2], policy: m[3] } : { node: m[0], item: m[1], variable: m[2], policy: m[3] })
      : m)),
  };
}
