// A reusable set of node ids for the hot read path: open addressing over typed arrays, emptied in O(1) by bumping a
// generation stamp, members also kept in insertion order. Avoids allocating a JS Set per feature read.

export class IntScratchSet {
  private keys: Int32Array;
  private stamps: Uint32Array;
  private slotIndex: Int32Array;
  private mask: number;
  private generation = 1;
  /** Members in insertion order: list[0 .. size - 1]. */
  list: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    const slots = pow2(capacity * 2);
    this.keys = new Int32Array(slots);
    this.stamps = new Uint32Array(slots);
    this.slotIndex = new Int32Array(slots);
    this.mask = slots - 1;
    this.list = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  has(key: number): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Insertion index of key, or -1. */
  indexOf(key: number): number {
    let slot = hash(key) & this.mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) return -1;
      if (this.keys[slot] === key) return this.slotIndex[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds key; returns its insertion index if it is new, -1 if it was already there. */
  add(key: number): number {
    let slot = hash(key) & this.mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) break;
      if (this.keys[slot] === key) return -1;
      slot = (slot + 1) & this.mask;
    }
    this.stamps[slot] = this.generation;
    this.keys[slot] = key;
    this.slotIndex[slot] = this.size;
    if (this.size === this.list.length) this.list = grown(this.list, this.size * 2);
    this.list[this.size] = key;
    const index = this.size++;
    if (this.size * 2 > this.mask + 1) this.rehash();
    return index;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    this.keys = new Int32Array(slots);
    this.stamps = new Uint32Array(slots);
    this.slotIndex = new Int32Array(slots);
    this.mask = slots - 1;
    this.generation = 1;
    for (let i = 0; i < this.size; i++) {
      const key = this.list[i];
      let slot = hash(key) & this.mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & this.mask;
      this.stamps[slot] = 1;
      this.keys[slot] = key;
      this.slotIndex[slot] = i;
    }
  }
}

function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 16);
}

function pow2(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

function grown(a: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(a);
  return next;
}
