// Masks identifiers in an audit record: every keyed hash ("h:...") becomes a token local to the record, "h:~" and
// digits as long as the hash, numbered in the sorted order of the record's hashes. Equal identifiers get equal
// tokens and tokens order and measure as their hashes did, so rules that compare identifiers (applicant phone == a
// contact's phone, one phone before another) or measure them, and recorded list hits, replay identically, yet the
// record links to no one outside itself. The scan lives in audit-writer.cjs, shared with the audit writer thread,
// which masks each record just before writing it.
import { createRequire } from 'node:module';

const shared = createRequire(import.meta.url)('./audit-writer.cjs') as {
  maskText(text: string): string;
  MASK_PREFIX: string;
};

export const MASK_PREFIX: string = shared.MASK_PREFIX;

/** Masks every keyed hash inside one record's text (such as its JSON) — values and keys alike. */
export function maskIdentifiers(text: string): string {
  return shared.maskText(text);
}
