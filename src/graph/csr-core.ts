// The batch snapshot of the adjacency in compressed sparse row form, and its builder. One symmetric CSR over all
// nodes (a person's row lists identifiers, sorted by id; an identifier's row lists persons, sorted by id) so batch
// algorithms run on it directly; edge attributes (stamp, span) are stored once per edge, on the person side.
// Per edge: 2 x 4 bytes of targets + 5 bytes of attributes. Per node: 4 bytes offset + 4 bytes attribute base.

import { decodeSpan, encodeSpan, MAX_COUNT, packStamp, spanDays, stampCount, stampRelation, stampTick, tickToTime } from './edge-stamp.js';

export interface CsrCore {
  /** Nodes covered by `offsets` (nodes interned later have empty rows here). */
  readonly nodeCount: number;
  /** Undirected person-identifier edges. */
  readonly edgeCount: number;
  readonly offsets: Uint32Array;
  readonly targets: Int32Array;
  /** For a person row: index in stamps/spans of its first edge. Unused for identifier rows. */
  readonly attrBase: Uint32Array;
  readonly stamps: Uint32Array;
  readonly spans: Uint8Array;
}

/** Edges as parallel arrays (only the first `length` are used). The builder may rewrite stamps/spans in place. */
export interface EdgeList {
  readonly person: Int32Array;
  readonly ident: Int32Array;
  readonly stamps: Uint32Array;
  readonly spans: Uint8Array;
  readonly length: number;
}

export function emptyCsr(): CsrCore {
  return {
    nodeCount: 0, edgeCount: 0, offsets: new Uint32Array(1), targets: new Int32Array(0),
    attrBase: new Uint32Array(0), stamps: new Uint32Array(0), spans: new Uint8Array(0),
  };
}

/**
 * Builds the CSR by two counting sorts (by identifier, then stably by person), so rows come out sorted without a
 * comparison sort. A repeated (person, identifier) pair is merged: earliest first-seen, latest last-seen, counts
 * added, strongest (lowest-coded) relation. O(N + E) time.
 */
export function buildCsr(nodeCount: number, edges: EdgeList): CsrCore {
  const { person, ident, stamps, spans } = edges;
  const m = edges.length;
  const n = nodeCount;
  // Edges ordered by identifier (counting sort; filled from the back so each bucket keeps input order).
  const bucket = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) bucket[ident[e] + 1]++;
  for (let v = 0; v < n; v++) bucket[v + 1] += bucket[v];
  const byIdent = new Int32Array(m);
  for (let e = m - 1; e >= 0; e--) byIdent[--bucket[ident[e] + 1]] = e;
  // Then grouped by person, keeping identifier order inside each group.
  const group = bucket.fill(0);
  for (let e = 0; e < m; e++) group[person[e]]++;
  for (let v = 1; v <= n; v++) group[v] += group[v - 1];
  const byPerson = new Int32Array(m);
  for (let k = m - 1; k >= 0; k--) {
    const e = byIdent[k];
    byPerson[--group[person[e]]] = e;
  }
  // group[v] .. group[v + 1] is now person v's edges, sorted by identifier. Merge repeats, count degrees.
  const degree = new Uint32Array(n);
  for (let v = 0; v < n; v++) {
    let last = -1;
    let kept = -1;
    for (let k = group[v]; k < group[v + 1]; k++) {
      const e = byPerson[k];
      if (ident[e] === last) {
        mergeInto(stamps, spans, kept, e);
        byPerson[k] = -1;
        continue;
      }
      last = ident[e];
      kept = e;
      degree[v]++;
      degree[ident[e]]++;
    }
  }
  const offsets = new Uint32Array(n + 1);
  const attrBase = new Uint32Array(n);
  let attr = 0;
  for (let v = 0; v < n; v++) {
    offsets[v + 1] = offsets[v] + degree[v];
    if (group[v + 1] > group[v]) {
      attrBase[v] = attr;
      attr += degree[v];
    }
  }
  const targets = new Int32Array(offsets[n]);
  const outStamps = new Uint32Array(attr);
  const outSpans = new Uint8Array(attr);
  const fill = degree.fill(0);
  for (let v = 0; v < n; v++) {
    let k = 0;
    for (let g = group[v]; g < group[v + 1]; g++) {
      const e = byPerson[g];
      if (e < 0) continue;
      const i = ident[e];
      targets[offsets[v] + k] = i;
      outStamps[attrBase[v] + k] = stamps[e];
      outSpans[attrBase[v] + k] = spans[e];
      k++;
      targets[offsets[i] + fill[i]++] = v;
    }
  }
  return { nodeCount: n, edgeCount: attr, offsets, targets, attrBase, stamps: outStamps, spans: outSpans };
}

function mergeInto(stamps: Uint32Array, spans: Uint8Array, kept: number, dup: number): void {
  const a = stamps[kept];
  const b = stamps[dup];
  const firstA = tickToTime(stampTick(a));
  const firstB = tickToTime(stampTick(b));
  const lastA = firstA + decodeSpan(spans[kept]) * 86_400_000;
  const lastB = firstB + decodeSpan(spans[dup]) * 86_400_000;
  const first = Math.min(firstA, firstB);
  const count = Math.min(MAX_COUNT, stampCount(a) + stampCount(b));
  stamps[kept] = packStamp(Math.min(stampTick(a), stampTick(b)), Math.min(stampRelation(a), stampRelation(b)), count);
  spans[kept] = encodeSpan(spanDays(first, Math.max(lastA, lastB)));
}

/** Bytes held by a CSR core's arrays. */
export function csrBytes(core: CsrCore): number {
  return core.offsets.byteLength + core.targets.byteLength + core.attrBase.byteLength + core.stamps.byteLength + core.spans.byteLength;
}
