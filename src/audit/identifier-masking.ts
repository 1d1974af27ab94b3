// Masks identifiers in an audit record: every keyed hash ("h:...") becomes a token local to the record ("h:~1",
// "h:~2", ...). Equal identifiers get equal tokens, so rules that compare identifiers (applicant phone == a contact's
// phone) and recorded list hits replay identically, yet the record links to no one outside itself.
/** Ingest's keyed-hash prefix (HASH_PREFIX in src/ingest; audit does not depend on ingest for one constant). */
const HASH_PREFIX = 'h:';

export const MASK_PREFIX = `${HASH_PREFIX}~`;

/** A keyed hash as ingest writes it (the prefix and base64url); generous on length so a format change still masks. */
const HASH_IN_TEXT = new RegExp(`${HASH_PREFIX}[A-Za-z0-9_-]{8,}`, 'g');

export class IdentifierMasker {
  private readonly tokens = new Map<string, string>();

  /** Masks every keyed hash inside a text (such as a record's JSON) — values and keys alike — with this masker's tokens. */
  maskText(text: string): string {
    return text.replace(HASH_IN_TEXT, (hash) => this.token(hash));
  }

  private token(hash: string): string {
    let t = this.tokens.get(hash);
    if (t === undefined) {
      t = `${MASK_PREFIX}${this.tokens.size + 1}`;
      this.tokens.set(hash, t);
    }
    return t;
  }
}
