// Reusable per-event scratch lists for the hot path. `length = 0` on a JS array drops its storage, so every event
// would allocate it again; these keep their storage and count their items instead. Numbers go in a Float64Array
// (no boxing of each hash).

export class ScratchList<T> {
  items: T[] = [];
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(value: T): void {
    this.items[this.n++] = value;
  }

  includes(value: T): boolean {
    for (let i = 0; i < this.n; i++) if (this.items[i] === value) return true;
    return false;
  }
}

export class NumberList {
  items = new Float64Array(8);
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(value: number): void {
    if (this.n === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.n++] = value;
  }

  includes(value: number): boolean {
    for (let i = 0; i < this.n; i++) if (this.items[i] === value) return true;
    return false;
  }
}
