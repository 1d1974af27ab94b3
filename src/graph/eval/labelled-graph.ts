// A node-labelled graph with several relations and a train / valid / test split, for offline evaluation of graph
// features (FDCompCN, the synthetic world). Edges are undirected; repeats and self-loops are dropped on the way in.

import { csrFromEdges, type CsrGraph } from '../csr-graph.js';

export const Split = { train: 0, valid: 1, test: 2 } as const;

export interface Relation {
  readonly name: string;
  readonly a: Int32Array;
  readonly b: Int32Array;
}

export interface LabelledGraph {
  readonly n: number;
  readonly relations: readonly Relation[];
  /** 1 = positive (fraud / default), 0 = negative. */
  readonly labels: Uint8Array;
  /** Split per node (Split.train / valid / test). */
  readonly split: Uint8Array;
}

/** Undirected simple edges: each pair once (smaller id first), no self-loops. */
export function simpleEdges(n: number, a: ArrayLike<number>, b: ArrayLike<number>): { a: Int32Array; b: Int32Array } {
  const keys = new Float64Array(a.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    keys[k++] = a[i] < b[i] ? a[i] * n + b[i] : b[i] * n + a[i];
  }
  const sorted = keys.subarray(0, k).sort();
  const outA: number[] = [];
  const outB: number[] = [];
  for (let i = 0; i < k; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    outA.push(Math.floor(sorted[i] / n));
    outB.push(sorted[i] % n);
  }
  return { a: Int32Array.from(outA), b: Int32Array.from(outB) };
}

/** One CSR per relation, and the union of all relations. */
export function relationGraphs(graph: LabelledGraph): { byRelation: Map<string, CsrGraph>; union: CsrGraph } {
  const byRelation = new Map<string, CsrGraph>();
  const allA: number[] = [];
  const allB: number[] = [];
  for (const r of graph.relations) {
    byRelation.set(r.name, csrFromEdges(graph.n, r.a, r.b));
    for (let i = 0; i < r.a.length; i++) {
      allA.push(r.a[i]);
      allB.push(r.b[i]);
    }
  }
  const union = simpleEdges(graph.n, allA, allB);
  return { byRelation, union: csrFromEdges(graph.n, union.a, union.b) };
}
