// The append-friendly part of the adjacency: edges added since the last compaction, in growable typed arrays with a
// singly linked chain per person and per identifier (newest first). Cheap to append, slower to walk than CSR rows;
// compaction folds it into the CSR core (see adjacency-store.ts).

export class DeltaEdges {
  person: Int32Array;
  ident: Int32Array;
  stamps: Uint32Array;
  spans: Uint8Array;
  nextOut: Int32Array;
  nextIn: Int32Array;
  private n = 0;
  /** Chain heads and identifier counts live in Maps: they cover only the nodes touched since compaction. */
  private readonly headOut = new Map<number, number>();
  private readonly headIn = new Map<number, number>();
  private readonly inCounts = new Map<number, number>();
  private readonly outCounts = new Map<number, number>();

  constructor(capacity = 1024) {
    this.person = new Int32Array(capacity);
    this.ident = new Int32Array(capacity);
    this.stamps = new Uint32Array(capacity);
    this.spans = new Uint8Array(capacity);
    this.nextOut = new Int32Array(capacity);
    this.nextIn = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  append(person: number, ident: number, stamp: number, span: number): number {
    if (this.n === this.person.length) this.grow(this.n * 2);
    const e = this.n++;
    this.person[e] = person;
    this.ident[e] = ident;
    this.stamps[e] = stamp;
    this.spans[e] = span;
    this.nextOut[e] = this.headOut.get(person) ?? -1;
    this.nextIn[e] = this.headIn.get(ident) ?? -1;
    this.headOut.set(person, e);
    this.headIn.set(ident, e);
    this.inCounts.set(ident, (this.inCounts.get(ident) ?? 0) + 1);
    this.outCounts.set(person, (this.outCounts.get(person) ?? 0) + 1);
    return e;
  }

  /** First delta edge of a person's chain, or -1. Follow with nextOut. */
  outHead(person: number): number {
    return this.n === 0 ? -1 : (this.headOut.get(person) ?? -1);
  }

  /** First delta edge of an identifier's chain, or -1. Follow with nextIn. */
  inHead(ident: number): number {
    return this.n === 0 ? -1 : (this.headIn.get(ident) ?? -1);
  }

  inCount(ident: number): number {
    return this.n === 0 ? 0 : (this.inCounts.get(ident) ?? 0);
  }

  outCount(person: number): number {
    return this.n === 0 ? 0 : (this.outCounts.get(person) ?? 0);
  }

  /** The delta edge person -> ident, or -1. */
  find(person: number, ident: number): number {
    for (let e = this.outHead(person); e >= 0; e = this.nextOut[e]) if (this.ident[e] === ident) return e;
    return -1;
  }

  clear(): void {
    this.n = 0;
    this.headOut.clear();
    this.headIn.clear();
    this.inCounts.clear();
    this.outCounts.clear();
    if (this.person.length > 1 << 16) this.grow(1024, true);
  }

  bytes(): number {
    const arrays = this.person.byteLength * 4 + this.stamps.byteLength + this.spans.byteLength;
    // A Map entry costs roughly 40 bytes in V8; counted so the memory report does not flatter the delta.
    return arrays + 40 * (this.headOut.size + this.headIn.size + this.inCounts.size + this.outCounts.size);
  }

  private grow(capacity: number, shrink = false): void {
    const keep = shrink ? 0 : this.n;
    const copy = <T extends Int32Array | Uint32Array | Uint8Array>(a: T): T => {
      const next = new (a.constructor as { new (n: number): T })(capacity);
      next.set(a.subarray(0, keep));
      return next;
    };
    this.person = copy(this.person);
    this.ident = copy(this.ident);
    this.stamps = copy(this.stamps);
    this.spans = copy(this.spans);
    this.nextOut = copy(this.nextOut);
    this.nextIn = copy(this.nextIn);
  }
}
