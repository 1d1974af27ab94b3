// Batch connected components of a CsrGraph by Afforest (Sutton, Ben-Nun & Barak, 2018): union-find over a sample of
// two neighbours per node first, then the rest of the edges only for nodes outside the component that the sample
// shows to be the largest. With a giant component most edges are never touched, so it reads far less than a
// breadth-first search. Links always hang the higher root under the lower, so every root is the smallest node of
// its component and labels come out numbered by each component's smallest node.

import type { CsrGraph } from './csr-graph.js';

export interface Components {
  /** Component index per node, 0..count-1, numbered in order of each component's smallest node. */
  readonly labels: Int32Array;
  readonly count: number;
  /** Node count per component. */
  readonly sizes: Int32Array;
}

const SAMPLED_NEIGHBOURS = 2;
const GIANT_SAMPLE = 1024;

export function connectedComponents(graph: CsrGraph): Components {
  const { n, offsets, targets } = graph;
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  for (let r = 0; r < SAMPLED_NEIGHBOURS; r++) {
    for (let v = 0; v < n; v++) {
      const p = offsets[v] + r;
      if (p < offsets[v + 1]) link(parent, v, targets[p]);
    }
    compress(parent, n);
  }
  const giant = mostFrequentRoot(parent, n);
  for (let v = 0; v < n; v++) {
    if (parent[v] === giant) continue;
    const end = offsets[v + 1];
    for (let p = offsets[v] + SAMPLED_NEIGHBOURS; p < end; p++) link(parent, v, targets[p]);
  }
  compress(parent, n);
  const labels = parent; // roots are each component's smallest node: relabel in place, in node order
  const sizes: number[] = [];
  for (let v = 0; v < n; v++) {
    const root = parent[v];
    if (root === v) {
      labels[v] = sizes.length;
      sizes.push(1);
    } else {
      labels[v] = labels[root];
      sizes[labels[v]]++;
    }
  }
  return { labels, count: sizes.length, sizes: Int32Array.from(sizes) };
}

/** Joins the trees of u and v, hanging the higher root under the lower. */
function link(parent: Int32Array, u: number, v: number): void {
  let p1 = parent[u];
  let p2 = parent[v];
  while (p1 !== p2) {
    const high = p1 > p2 ? p1 : p2;
    const low = p1 + p2 - high;
    const pHigh = parent[high];
    if (pHigh === low) return;
    if (pHigh === high) {
      parent[high] = low;
      return;
    }
    p1 = parent[pHigh];
    p2 = parent[low];
  }
}

function compress(parent: Int32Array, n: number): void {
  for (let v = 0; v < n; v++) {
    while (parent[v] !== parent[parent[v]]) parent[v] = parent[parent[v]];
  }
}

/** The root most sampled nodes point to (deterministic sample: evenly spaced nodes). */
function mostFrequentRoot(parent: Int32Array, n: number): number {
  if (n === 0) return -1;
  const counts = new Map<number, number>();
  let best = parent[0];
  let bestCount = 0;
  const step = Math.max(1, Math.floor(n / GIANT_SAMPLE));
  for (let v = 0; v < n; v += step) {
    const root = parent[v];
    const count = (counts.get(root) ?? 0) + 1;
    counts.set(root, count);
    if (count > bestCount) {
      best = root;
      bestCount = count;
    }
  }
  return best;
}
