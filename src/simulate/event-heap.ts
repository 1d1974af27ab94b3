// A binary min-heap of actors keyed by (time of their next step, insertion order), so ties pop in a fixed order and
// the world replays identically. Holds one entry per active actor, never their future events.

export interface HeapEntry {
  /** Time of the entry's next step (ms). */
  heapTime: number;
  /** Set by the heap on push: breaks ties between equal times deterministically. */
  heapSeq: number;
}

export class EventHeap<T extends HeapEntry> {
  private readonly items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapSeq = this.seq++;
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right], items[left]) ? right : left;
      if (!before(items[child], last)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.heapTime < b.heapTime || (a.heapTime === b.heapTime && a.heapSeq < b.heapSeq);
}
