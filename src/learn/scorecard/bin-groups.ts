// Ordered groups of event / non-event counts and the merges every binning method shares: the 2x2 chi-square of two
// neighbours, merging a neighbour pair, and folding groups below the minimum size into their most similar neighbour.

export interface BinGroup {
  readonly events: number;
  readonly nonEvents: number;
  /** First and last fine class (inclusive) this group covers. */
  readonly first: number;
  readonly last: number;
}

export function groupSize(g: BinGroup): number {
  return g.events + g.nonEvents;
}

export function eventRate(g: BinGroup): number {
  return g.events / groupSize(g);
}

/** Pearson chi-square of the 2x2 table (a vs b) x (event vs non-event); 0 when a margin is empty. */
export function chiSquare(a: BinGroup, b: BinGroup): number {
  const n = groupSize(a) + groupSize(b);
  const e = a.events + b.events;
  const g = a.nonEvents + b.nonEvents;
  if (e === 0 || g === 0) return 0;
  let chi = 0;
  for (const row of [a, b]) {
    const size = groupSize(row);
    const expE = (size * e) / n;
    const expG = (size * g) / n;
    chi += (row.events - expE) ** 2 / expE + (row.nonEvents - expG) ** 2 / expG;
  }
  return chi;
}

export function mergePair(groups: readonly BinGroup[], k: number): BinGroup[] {
  const a = groups[k];
  const b = groups[k + 1];
  const merged: BinGroup = { events: a.events + b.events, nonEvents: a.nonEvents + b.nonEvents, first: a.first, last: b.last };
  return [...groups.slice(0, k), merged, ...groups.slice(k + 2)];
}

/** Index k of the neighbour pair (k, k+1) with the smallest chi-square among those `allowed`, or -1. */
export function mostSimilarPair(groups: readonly BinGroup[], allowed: (k: number) => boolean = () => true): number {
  let best = -1;
  let bestChi = Infinity;
  for (let k = 0; k + 1 < groups.length; k++) {
    if (!allowed(k)) continue;
    const chi = chiSquare(groups[k], groups[k + 1]);
    if (chi < bestChi) {
      bestChi = chi;
      best = k;
    }
  }
  return best;
}

/** Merges the smallest group below minCount into its more similar neighbour until every group is big enough. */
export function enforceMinSize(groups: readonly BinGroup[], minCount: number): BinGroup[] {
  let out = [...groups];
  for (;;) {
    if (out.length < 2) return out;
    let smallest = -1;
    for (let k = 0; k < out.length; k++) {
      if (groupSize(out[k]) < minCount && (smallest < 0 || groupSize(out[k]) < groupSize(out[smallest]))) smallest = k;
    }
    if (smallest < 0) return out;
    const left = smallest > 0 ? chiSquare(out[smallest - 1], out[smallest]) : Infinity;
    const right = smallest + 1 < out.length ? chiSquare(out[smallest], out[smallest + 1]) : Infinity;
    out = mergePair(out, left <= right ? smallest - 1 : smallest);
  }
}

/** Fine classes as one group each. */
export function fineGroups(events: ArrayLike<number>, nonEvents: ArrayLike<number>): BinGroup[] {
  return Array.from({ length: events.length }, (_, k) => ({ events: events[k], nonEvents: nonEvents[k], first: k, last: k }));
}
