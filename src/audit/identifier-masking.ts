// Masks identifiers in an audit record: every keyed hash ("h:...") becomes a token local to the record ("h:~1",
// "h:~2", ...). Equal identifiers get equal tokens, so rules that compare identifiers (applicant phone == a contact's
// phone) and recorded list hits replay identically, yet the record links to no one outside itself.
/** Ingest's keyed-hash prefix (HASH_PREFIX in src/ingest; audit does not depend on ingest for one constant). */
const HASH_PREFIX = 'h:';

export const MASK_PREFIX = `${HASH_PREFIX}~`;

/** A keyed hash is the prefix then at least this many base64url characters (generous, so a format change still masks). */
const MIN_HASH_BODY = 8;

export class IdentifierMasker {
  private readonly tokens = new Map<string, string>();

  /**
   * Masks every keyed hash inside a text (such as a record's JSON) — values and keys alike — with this masker's
   * tokens. A hand-written scan from each "h:" rather than a regex with a callback: the record is masked on every
   * decision, and the scan costs a fraction of the regex.
   */
  maskText(text: string): string {
    let at = text.indexOf(HASH_PREFIX);
    if (at < 0) return text;
    let out = '';
    let copied = 0;
    while (at >= 0) {
      const start = at + HASH_PREFIX.length;
      let end = start;
      while (end < text.length && isBase64Url(text.charCodeAt(end))) end++;
      if (end - start >= MIN_HASH_BODY) {
        out += text.slice(copied, at) + this.token(text.slice(at, end));
        copied = end;
        at = text.indexOf(HASH_PREFIX, end);
      } else {
        at = text.indexOf(HASH_PREFIX, at + 1);
      }
    }
    return copied === 0 ? text : out + text.slice(copied);
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

/** [A-Za-z0-9_-] */
function isBase64Url(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * The same masking as IdentifierMasker.maskText, as plain JavaScript source for the audit writer thread (which runs
 * eval'd CommonJS, without a TypeScript loader): the writer masks each record just before writing it, so the
 * decision path only serialises. sqlite-audit-store.test.ts checks that both give byte-identical bodies.
 */
export const MASK_TEXT_SOURCE = `
function maskText(text) {
  let at = text.indexOf('${HASH_PREFIX}');
  if (at < 0) return text;
  const tokens = new Map();
  let out = '';
  let copied = 0;
  while (at >= 0) {
    const start = at + ${HASH_PREFIX.length};
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
      end++;
    }
    if (end - start >= ${MIN_HASH_BODY}) {
      const hash = text.slice(at, end);
      let t = tokens.get(hash);
      if (t === undefined) { t = '${MASK_PREFIX}' + (tokens.size + 1); tokens.set(hash, t); }
      out += text.slice(copied, at) + t;
      copied = end;
      at = text.indexOf('${HASH_PREFIX}', end);
    } else {
      at = text.indexOf('${HASH_PREFIX}', at + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
`;
