// A growable little-endian byte writer and its reader, for key-state blobs (Redis) and snapshot files.

export class ByteWriter {
  private buf = Buffer.allocUnsafe(256);
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }

  u8(v: number): void {
    this.ensure(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  f64s(values: ArrayLike<number>, from: number, count: number): void {
    this.ensure(8 * count);
    for (let i = 0; i < count; i++) this.view.setFloat64(this.length + 8 * i, values[from + i], true);
    this.length += 8 * count;
  }

  str(s: string): void {
    const bytes = Buffer.byteLength(s);
    this.u32(bytes);
    this.ensure(bytes);
    this.buf.write(s, this.length, 'utf8');
    this.length += bytes;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** The bytes written so far (a copy when `copy`, else a view valid until the next write or reset). */
  take(copy = true): Buffer {
    const out = this.buf.subarray(0, this.length);
    return copy ? Buffer.from(out) : out;
  }

  reset(): void {
    this.length = 0;
  }
}

export class ByteReader {
  private readonly view: DataView;
  pos = 0;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  u8(): number {
    return this.view.getUint8(this.pos++);
  }

  u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  f64s(into: { [i: number]: number }, at: number, count: number): void {
    for (let i = 0; i < count; i++) into[at + i] = this.view.getFloat64(this.pos + 8 * i, true);
    this.pos += 8 * count;
  }

  str(): string {
    const n = this.u32();
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, n).toString('utf8');
    this.pos += n;
    return s;
  }

  bytes(): Uint8Array {
    const n = this.u32();
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}
