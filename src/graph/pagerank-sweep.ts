// One Gauss-Seidel sweep of PageRank over a range of nodes, in place on `share` (x[v] / degree(v), or x[v] for an
// isolated node). Shared by the single-threaded solver and the worker threads of the parallel one, which each sweep
// their own range of the same shared arrays. Two copies so the uniform case reads no restart array in the hot loop.

export interface SweepArrays {
  readonly offsets: Uint32Array;
  readonly targets: Int32Array;
  readonly share: Float64Array;
  readonly invDegree: Float64Array;
  /** Normalised restart distribution, or null for uniform (1 / n). */
  readonly restart: Float64Array | null;
}

export interface SweepTotals {
  /** Sum of the new x over the range. */
  mass: number;
  /** Sum of the new x of isolated nodes in the range. */
  dangling: number;
}

export function sweepRange(a: SweepArrays, n: number, lo: number, hi: number, d: number, dangling: number, out: SweepTotals): void {
  const { offsets, targets, share, invDegree, restart } = a;
  const restartWeight = (1 - d) + d * dangling;
  let mass = 0;
  let nextDangling = 0;
  if (restart === null) {
    const base = restartWeight / n;
    for (let v = lo; v < hi; v++) {
      let sum = 0;
      const end = offsets[v + 1];
      for (let p = offsets[v]; p < end; p++) sum += share[targets[p]];
      const value = base + d * sum;
      mass += value;
      const inv = invDegree[v];
      if (inv > 0) {
        share[v] = value * inv;
      } else {
        share[v] = value;
        nextDangling += value;
      }
    }
  } else {
    for (let v = lo; v < hi; v++) {
      let sum = 0;
      const end = offsets[v + 1];
      for (let p = offsets[v]; p < end; p++) sum += share[targets[p]];
      const value = restartWeight * restart[v] + d * sum;
      mass += value;
      const inv = invDegree[v];
      if (inv > 0) {
        share[v] = value * inv;
      } else {
        share[v] = value;
        nextDangling += value;
      }
    }
  }
  out.mass = mass;
  out.dangling = nextDangling;
}
