// Connected components kept live under inserts: union-find (union by size, path halving) over persons and the
// identifiers that are not super-nodes, with the number of persons and of bad persons per component at its root.
// Union-find cannot split: when an identifier becomes a super-node after linking people, its old unions stay until
// the next rebuild (done at once on small graphs, at the next batch on large ones; `stale` says so).

import type { AdjacencyStore } from './adjacency-store.js';
import { BAD_FLAGS, Flag, NodeType } from './node-kinds.js';

export class LiveComponents {
  private parent: Int32Array = new Int32Array(0);
  private size: Int32Array = new Int32Array(0);
  private persons: Int32Array = new Int32Array(0);
  private bad: Int32Array = new Int32Array(0);
  private n = 0;
  /** True while some unions were made through a node that has since become a super-node. */
  stale = false;

  get nodeCount(): number {
    return this.n;
  }

  /** Registers nodes [n, store.nodeCount) as singletons. */
  addNodes(store: AdjacencyStore): void {
    const target = store.nodeCount;
    if (target <= this.n) return;
    if (target > this.parent.length) this.grow(Math.max(target, this.parent.length * 2, 1024));
    const { types, flags } = store.nodes;
    for (let v = this.n; v < target; v++) {
      this.parent[v] = v;
      this.size[v] = 1;
      const person = types[v] === NodeType.person ? 1 : 0;
      this.persons[v] = person;
      this.bad[v] = person && (flags[v] & BAD_FLAGS) !== 0 ? 1 : 0;
    }
    this.n = target;
  }

  find(v: number): number {
    const parent = this.parent;
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    this.persons[ra] += this.persons[rb];
    this.bad[ra] += this.bad[rb];
  }

  /** A person's bad label was set (+1) or cleared (-1). */
  adjustBad(v: number, delta: number): void {
    if (v >= this.n) return;
    this.bad[this.find(v)] += delta;
  }

  /** Persons and bad persons in v's component (v itself included). */
  componentOf(v: number): { persons: number; bad: number; root: number } {
    if (v >= this.n) return { persons: 1, bad: 0, root: v };
    const root = this.find(v);
    return { persons: this.persons[root], bad: this.bad[root], root };
  }

  /** Rebuilds from scratch over every edge that does not touch a super-node. O(E α(N)). */
  rebuild(store: AdjacencyStore): void {
    this.n = 0;
    this.addNodes(store);
    const { types, flags } = store.nodes;
    const { offsets, targets, nodeCount } = store.base;
    // The CSR rows directly (the hot part at start-up), then the delta.
    for (let v = 0; v < nodeCount; v++) {
      if (types[v] !== NodeType.person) continue;
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const u = targets[p];
        if ((flags[u] & Flag.superNode) === 0) this.union(v, u);
      }
    }
    const delta = store.delta;
    for (let e = 0; e < delta.size; e++) {
      if ((flags[delta.ident[e]] & Flag.superNode) === 0) this.union(delta.person[e], delta.ident[e]);
    }
    this.stale = false;
  }

  /** Resets from a batch labelling (component index per node): the first node of each component becomes its root. */
  loadLabels(store: AdjacencyStore, labels: Int32Array, count: number): void {
    this.n = 0;
    this.addNodes(store);
    const rootOf = new Int32Array(count).fill(-1);
    for (let v = 0; v < labels.length && v < this.n; v++) {
      const c = labels[v];
      if (rootOf[c] < 0) {
        rootOf[c] = v;
        continue;
      }
      const root = rootOf[c];
      this.parent[v] = root;
      this.size[root] += 1;
      this.persons[root] += this.persons[v];
      this.bad[root] += this.bad[v];
    }
    this.stale = false;
  }

  bytes(): number {
    return this.parent.byteLength * 4;
  }

  private grow(capacity: number): void {
    const copy = (a: Int32Array): Int32Array => {
      const next = new Int32Array(capacity);
      next.set(a.subarray(0, this.n));
      return next;
    };
    this.parent = copy(this.parent);
    this.size = copy(this.size);
    this.persons = copy(this.persons);
    this.bad = copy(this.bad);
  }
}
