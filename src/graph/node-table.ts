// Interns node keys to dense int ids: an open-addressing hash table over 64-bit key fingerprints, with the type and
// label flags of each node in typed arrays. About 19 bytes a node (8 fingerprint, 2 type+flags, ~9 table slots at the
// worst load), against ~100 for a Map of strings. Ids are stable for the life of the graph (snapshots keep them).

import { fingerprintKey, isHashedKey, maskedHashedKey, type Fingerprint } from './key-fingerprint.js';

const MAX_LOAD = 0.7;

export class NodeTable {
  private fpHi: Uint32Array;
  private fpLo: Uint32Array;
  types: Uint8Array;
  flags: Uint8Array;
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** Keys that are not keyed hashes (employer names) are kept to be shown; hashed keys are shown masked. */
  private readonly plainKeys = new Map<number, string>();
  private readonly scratch: Fingerprint = { hi: 0, lo: 0 };

  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.fpHi = new Uint32Array(cap);
    this.fpLo = new Uint32Array(cap);
    this.types = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    const slotCap = nextPow2(Math.ceil(cap / MAX_LOAD));
    this.slots = new Int32Array(slotCap).fill(-1);
    this.mask = slotCap - 1;
  }

  get size(): number {
    return this.count;
  }

  find(type: number, key: string): number {
    const fp = fingerprintKey(key, this.scratch);
    return this.findFingerprint(type, fp.hi, fp.lo);
  }

  intern(type: number, key: string): number {
    const fp = fingerprintKey(key, this.scratch);
    const before = this.count;
    const id = this.internFingerprint(type, fp.hi, fp.lo);
    if (this.count > before && !isHashedKey(key)) this.plainKeys.set(id, key);
    return id;
  }

  findFingerprint(type: number, hi: number, lo: number): number {
    let slot = slotOf(type, hi, lo) & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) return -1;
      if (this.fpHi[id] === hi && this.fpLo[id] === lo && this.types[id] === type) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Interns by fingerprint (bulk loaders that already hold fingerprints use this directly). */
  internFingerprint(type: number, hi: number, lo: number): number {
    let slot = slotOf(type, hi, lo) & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) break;
      if (this.fpHi[id] === hi && this.fpLo[id] === lo && this.types[id] === type) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count;
    if (id === this.types.length) this.growNodes(id * 2);
    this.fpHi[id] = hi;
    this.fpLo[id] = lo;
    this.types[id] = type;
    this.count++;
    this.slots[slot] = id;
    if (this.count > (this.mask + 1) * MAX_LOAD) this.rehash((this.mask + 1) * 2);
    return id;
  }

  /** What the console shows for a node: the masked hash, or the plain key for non-personal keys. */
  displayKey(id: number): string {
    return this.plainKeys.get(id) ?? maskedHashedKey(this.fpHi[id], this.fpLo[id]);
  }

  /** Makes room for `capacity` nodes at once (bulk loads), so growth does not copy repeatedly. */
  reserve(capacity: number): void {
    if (capacity > this.types.length) this.growNodes(capacity);
    const needSlots = nextPow2(Math.ceil(capacity / MAX_LOAD));
    if (needSlots > this.mask + 1) this.rehash(needSlots);
  }

  bytes(): number {
    return this.fpHi.byteLength + this.fpLo.byteLength + this.types.byteLength + this.flags.byteLength + this.slots.byteLength;
  }

  /** The arrays a snapshot needs (trimmed to size) and the plain keys. */
  exportState(): { hi: Uint32Array; lo: Uint32Array; types: Uint8Array; flags: Uint8Array; plainKeys: [number, string][] } {
    return {
      hi: this.fpHi.subarray(0, this.count),
      lo: this.fpLo.subarray(0, this.count),
      types: this.types.subarray(0, this.count),
      flags: this.flags.subarray(0, this.count),
      plainKeys: [...this.plainKeys],
    };
  }

  static fromState(state: ReturnType<NodeTable['exportState']>): NodeTable {
    const n = state.types.length;
    const table = new NodeTable(Math.max(16, Math.ceil(n * 1.25)));
    table.fpHi.set(state.hi);
    table.fpLo.set(state.lo);
    table.types.set(state.types);
    table.flags.set(state.flags);
    table.count = n;
    for (const [id, key] of state.plainKeys) table.plainKeys.set(id, key);
    table.rehash(table.mask + 1);
    return table;
  }

  private growNodes(capacity: number): void {
    this.fpHi = grow(this.fpHi, capacity);
    this.fpLo = grow(this.fpLo, capacity);
    this.types = grow(this.types, capacity);
    this.flags = grow(this.flags, capacity);
  }

  private rehash(slotCap: number): void {
    this.slots = new Int32Array(slotCap).fill(-1);
    this.mask = slotCap - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = slotOf(this.types[id], this.fpHi[id], this.fpLo[id]) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

function slotOf(type: number, hi: number, lo: number): number {
  let h = Math.imul(hi ^ (type * 0x27d4eb2d), 0x9e3779b1) ^ lo;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function nextPow2(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

function grow<T extends Uint32Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}
