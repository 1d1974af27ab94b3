// Reading results stored in format 1 (record-layout.ts) with their reasons and missing reads as tuples —
// [code, node, item or null, tier, weight] and [node, item or null, variable, policy] — back into objects, key for
// key. Records from before the tuples hold objects and pass through. Format 2 stores them flat (record-layout.ts).
import type { DecisionResult, MissingRead, Reason } from '../decision/index.js';

export type StoredReason = [string, string, string | null, number, number];
export type StoredMissing = [string, string | null, string, string];

/** A reason from its stored values (both formats): no `item` key when it was stored as null. */
export function storedReason([code, node, item, tier, weight]: StoredReason): Reason {
  return item === null ? { code, node, tier, weight } : { code, node, item, tier, weight };
}

/** A missing read from its stored values (both formats): no `item` key when it was stored as null. */
export function storedMissing([node, item, variable, policy]: StoredMissing): MissingRead {
  return item === null ? { node, variable, policy } : { node, item, variable, policy };
}

/** The result as decided (records stored before tuples existed hold objects and come back as they are). */
export function expandResult(stored: DecisionResult): DecisionResult {
  const reasons = stored.reasons as unknown as (Reason | StoredReason)[];
  const missing = stored.missing as unknown as (MissingRead | StoredMissing)[];
  return {
    ...stored,
    reasons: reasons.map((r) => (Array.isArray(r) ? storedReason(r) : r)),
    missing: missing.map((m) => (Array.isArray(m) ? storedMissing(m) : m)),
  };
}
