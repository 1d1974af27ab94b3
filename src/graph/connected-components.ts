// Batch connected components of a CsrGraph by breadth-first search over the CSR (one pass, a queue in a typed
// array). The live, insert-only view is live-components.ts; this is the from-scratch labelling a batch uses.

import type { CsrGraph } from './csr-graph.js';

export interface Components {
  /** Component index per node, 0..count-1, numbered in order of each component's smallest node. */
  readonly labels: Int32Array;
  readonly count: number;
  /** Node count per component. */
  readonly sizes: Int32Array;
}

export function connectedComponents(graph: CsrGraph): Components {
  const { n, offsets, targets } = graph;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    labels[s] = count;
    while (head < tail) {
      const v = queue[head++];
      const end = offsets[v + 1];
      for (let p = offsets[v]; p < end; p++) {
        const u = targets[p];
        if (labels[u] === -1) {
          labels[u] = count;
          queue[tail++] = u;
        }
      }
    }
    sizes.push(tail);
    count++;
  }
  return { labels, count, sizes: Int32Array.from(sizes) };
}
