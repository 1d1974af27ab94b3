// Masks identifiers in an audit record: every keyed hash ("h:...") becomes a token local to the record ("h:~1",
// "h:~2", ...). Equal identifiers get equal tokens, so rules that compare identifiers (applicant phone == a contact's
// phone) and recorded list hits replay identically, yet the record links to no one outside itself. The scan itself
// lives in audit-writer.cjs, shared with the audit writer thread, which masks each record just before writing it.
import { createRequire } from 'node:module';

const shared = createRequire(import.meta.url)('./audit-writer.cjs') as {
  maskText(text: string, tokens: Map<string, string>): string;
  MASK_PREFIX: string;
};

export const MASK_PREFIX: string = shared.MASK_PREFIX;

export class IdentifierMasker {
  private readonly tokens = new Map<string, string>();

  /** Masks every keyed hash inside a text (such as a record's JSON) — values and keys alike — with this masker's tokens. */
  maskText(text: string): string {
    return shared.maskText(text, this.tokens);
  }
}
