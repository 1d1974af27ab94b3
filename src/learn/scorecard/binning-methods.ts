// The three coarse-classing methods, each turning ordered fine classes into at most maxBins groups of at least
// minCount rows: chi-merge (merge the most similar neighbours while they are not significantly different),
// monotonic (merge until the event rate moves one way only), and tree (best-first splits by information value gain).
import { RiskError } from '../../core/index.js';
import { chiSquare, enforceMinSize, eventRate, groupSize, mergePair, mostSimilarPair, type BinGroup } from './bin-groups.js';

export type BinningMethod = 'chimerge' | 'monotonic' | 'tree';

export interface BinningLimits {
  readonly maxBins: number;
  readonly minCount: number;
  /** Chi-merge: neighbours whose chi-square is below this are merged (3.841 = 5% significance, 1 d.f.). */
  readonly chiThreshold: number;
}

export function coarseClasses(method: BinningMethod, fine: readonly BinGroup[], limits: BinningLimits): BinGroup[] {
  switch (method) {
    case 'chimerge':
      return chiMerge(fine, limits);
    case 'monotonic':
      return monotonicMerge(fine, limits);
    case 'tree':
      return treeSplit(fine, limits);
    default: {
      const never: never = method;
      throw new RiskError('LEARN_BINNING_UNKNOWN', `unknown binning method "${String(never)}"`, { method: never });
    }
  }
}

export function chiMerge(fine: readonly BinGroup[], limits: BinningLimits): BinGroup[] {
  let groups = enforceMinSize(fine, limits.minCount);
  while (groups.length > 1) {
    const k = mostSimilarPair(groups);
    const chi = chiSquare(groups[k], groups[k + 1]);
    if (groups.length <= limits.maxBins && chi >= limits.chiThreshold) break;
    groups = mergePair(groups, k);
  }
  return groups;
}

export function monotonicMerge(fine: readonly BinGroup[], limits: BinningLimits): BinGroup[] {
  let groups = enforceMinSize(fine, limits.minCount);
  const direction = trendDirection(groups);
  // A pair breaks the trend when its rate does not move in the overall direction (equal rates count as breaking).
  const breaks = (k: number) => (eventRate(groups[k + 1]) - eventRate(groups[k])) * direction <= 0;
  for (;;) {
    const k = mostSimilarPair(groups, breaks);
    if (k < 0) break;
    groups = mergePair(groups, k);
  }
  while (groups.length > limits.maxBins) groups = mergePair(groups, mostSimilarPair(groups));
  return groups;
}

export function treeSplit(fine: readonly BinGroup[], limits: BinningLimits): BinGroup[] {
  const totalE = fine.reduce((s, g) => s + g.events, 0);
  const totalG = fine.reduce((s, g) => s + g.nonEvents, 0);
  const term = (e: number, g: number) => {
    const pad = e === 0 || g === 0 ? 0.5 : 0;
    const pe = (e + pad) / totalE;
    const pg = (g + pad) / totalG;
    return (pg - pe) * Math.log(pg / pe);
  };
  let segments: BinGroup[] = [merged(fine, 0, fine.length - 1)];
  while (segments.length < limits.maxBins) {
    let best: { seg: number; at: number; gain: number } | null = null;
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s];
      const parent = term(seg.events, seg.nonEvents);
      let leftE = 0;
      let leftG = 0;
      for (let k = seg.first; k < seg.last; k++) {
        leftE += fine[k].events;
        leftG += fine[k].nonEvents;
        const rightE = seg.events - leftE;
        const rightG = seg.nonEvents - leftG;
        if (leftE + leftG < limits.minCount || rightE + rightG < limits.minCount) continue;
        const gain = term(leftE, leftG) + term(rightE, rightG) - parent;
        if (gain > MIN_IV_GAIN && (best === null || gain > best.gain)) best = { seg: s, at: k, gain };
      }
    }
    if (best === null) break;
    const seg = segments[best.seg];
    segments = [
      ...segments.slice(0, best.seg),
      merged(fine, seg.first, best.at),
      merged(fine, best.at + 1, seg.last),
      ...segments.slice(best.seg + 1),
    ];
  }
  return segments;
}

/** A split must add at least this much information value; below it the split only fits noise. */
const MIN_IV_GAIN = 1e-4;

function merged(fine: readonly BinGroup[], first: number, last: number): BinGroup {
  let events = 0;
  let nonEvents = 0;
  for (let k = first; k <= last; k++) {
    events += fine[k].events;
    nonEvents += fine[k].nonEvents;
  }
  return { events, nonEvents, first: fine[first].first, last: fine[last].last };
}

/** +1 when the event rate tends to rise along the order, -1 when it falls (size-weighted slope). */
function trendDirection(groups: readonly BinGroup[]): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < groups.length; k++) {
    const w = groupSize(groups[k]);
    n += w;
    sx += w * k;
    sy += w * eventRate(groups[k]);
  }
  let cov = 0;
  for (let k = 0; k < groups.length; k++) cov += groupSize(groups[k]) * (k - sx / n) * (eventRate(groups[k]) - sy / n);
  return cov >= 0 ? 1 : -1;
}
