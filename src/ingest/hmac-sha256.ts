// HMAC-SHA-256 (RFC 2104 over FIPS 180-4) for the short identifiers ingest hashes by the million. Node's createHmac
// costs ~3.5 µs a call, almost all of it in making the Hmac object and crossing into C++; here the key's inner and
// outer pad blocks are compressed once, so an identifier of up to 55 bytes costs two compressions and no allocation
// but its output string. Tests hold it byte-identical to node:crypto for every length and for non-ASCII text.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;
const BASE64URL = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (c) => c.charCodeAt(0));

export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  /** The message being hashed, padded; grows for long messages. */
  private bytes = new Uint8Array(4 * BLOCK);
  private readonly encoder = new TextEncoder();

  constructor(key: Uint8Array) {
    const block = new Uint8Array(BLOCK);
    if (key.length > BLOCK) {
      // RFC 2104: a key longer than a block is replaced by its hash.
      const padded = new Uint8Array(key.length + 2 * BLOCK);
      padded.set(key);
      this.state.set(IV);
      this.digestInto(key.length, 0, padded);
      for (let i = 0; i < 8; i++) writeWord(block, 4 * i, this.state[i]);
    } else {
      block.set(key);
    }
    const pad = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x36;
    this.inner.set(IV);
    this.compress(this.inner, pad, 0);
    for (let i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x5c;
    this.outer.set(IV);
    this.compress(this.outer, pad, 0);
  }

  /** The MAC of the UTF-8 bytes of `message`, truncated to its first 16 bytes, as unpadded base64url (22 chars). */
  digest16Base64url(message: string): string {
    const length = this.encode(message);
    this.state.set(this.inner);
    this.digestInto(length, BLOCK, this.bytes);
    // Outer hash: the 32-byte inner digest, in one block.
    const bytes = this.bytes;
    for (let i = 0; i < 8; i++) writeWord(bytes, 4 * i, this.state[i]);
    this.state.set(this.outer);
    this.digestInto(32, BLOCK, bytes);
    for (let i = 0; i < 4; i++) writeWord(bytes, 4 * i, this.state[i]);
    return base64url16(bytes);
  }

  /** UTF-8 of `message` into this.bytes; returns its length. ASCII, the usual case, is copied char by char. */
  private encode(message: string): number {
    const n = message.length;
    if (this.bytes.length < 3 * n + 2 * BLOCK) this.bytes = new Uint8Array(3 * n + 2 * BLOCK);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = message.charCodeAt(i);
      if (c > 0x7f) return this.encoder.encodeInto(message, bytes).written;
      bytes[i] = c;
    }
    return n;
  }

  /**
   * Pads the `length` message bytes at the start of `bytes` in place and compresses them into this.state, which
   * already holds `prefix` bytes' worth of hashing (the key's pad block).
   */
  private digestInto(length: number, prefix: number, bytes: Uint8Array): void {
    const padded = (((length + 8) >> 6) + 1) << 6;
    bytes[length] = 0x80;
    bytes.fill(0, length + 1, padded);
    const bits = (length + prefix) * 8;
    writeWord(bytes, padded - 8, Math.floor(bits / 0x100000000));
    writeWord(bytes, padded - 4, bits >>> 0);
    for (let at = 0; at < padded; at += BLOCK) this.compress(this.state, bytes, at);
  }

  private compress(h: Int32Array, bytes: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + 4 * i;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + k) | 0;
  }
}

function writeWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = word >>> 16;
  bytes[at + 2] = word >>> 8;
  bytes[at + 3] = word;
}

/** base64url of bytes[0..16) without padding, 22 characters, made as one string (not 22 concatenations). */
function base64url16(b: Uint8Array): string {
  const t = BASE64URL;
  return String.fromCharCode(
    t[b[0] >>> 2], t[((b[0] & 3) << 4) | (b[1] >>> 4)], t[((b[1] & 15) << 2) | (b[2] >>> 6)], t[b[2] & 63],
    t[b[3] >>> 2], t[((b[3] & 3) << 4) | (b[4] >>> 4)], t[((b[4] & 15) << 2) | (b[5] >>> 6)], t[b[5] & 63],
    t[b[6] >>> 2], t[((b[6] & 3) << 4) | (b[7] >>> 4)], t[((b[7] & 15) << 2) | (b[8] >>> 6)], t[b[8] & 63],
    t[b[9] >>> 2], t[((b[9] & 3) << 4) | (b[10] >>> 4)], t[((b[10] & 15) << 2) | (b[11] >>> 6)], t[b[11] & 63],
    t[b[12] >>> 2], t[((b[12] & 3) << 4) | (b[13] >>> 4)], t[((b[13] & 15) << 2) | (b[14] >>> 6)], t[b[14] & 63],
    t[b[15] >>> 2], t[(b[15] & 3) << 4],
  );
}
