// A Fenwick (binary indexed) tree of weights over ranks 0..n-1: add and prefix sums in O(log n).
// Lets the concordance indices count pairs in O(n log n) instead of O(n^2).

export class FenwickTree {
  private readonly tree: Float64Array;
  private total = 0;

  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
  }

  add(rank: number, weight: number): void {
    this.total += weight;
    for (let i = rank + 1; i < this.tree.length; i += i & -i) this.tree[i] += weight;
  }

  /** Sum of weights at ranks 0..rank-1. */
  sumBelow(rank: number): number {
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) s += this.tree[i];
    return s;
  }

  sumAt(rank: number): number {
    return this.sumBelow(rank + 1) - this.sumBelow(rank);
  }

  sumAll(): number {
    return this.total;
  }
}
