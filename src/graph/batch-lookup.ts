// Reads a node's community and propagation scores from the last batch run. A person the run did not cover (new
// since, or not in the graph at all) gets one step of the same propagation from its identifiers: the mass PageRank
// would pass it (damping * mass / degree), the mean label-propagation value, and the community most of its
// identifiers are in. Identifiers that are super-nodes pass nothing, as in the batch.

import type { BatchResult } from './batch-result.js';
import { combineRisk } from './risk-propagation.js';
import type { AdjacencyStore } from './adjacency-store.js';

export interface NodeScores {
  readonly badMass: number;
  readonly goodMass: number;
  readonly labelProp: number;
  readonly risk: number;
}

export interface Neighbour {
  readonly node: number;
  /** The link is stored (the identifier's degree already counts this person). */
  readonly stored: boolean;
}

export function scoresOf(batch: BatchResult, store: AdjacencyStore, node: number, neighbours: readonly Neighbour[]): NodeScores | null {
  const s = batch.scores;
  if (node >= 0 && node < batch.nodeCount) {
    return { badMass: s.badMass[node], goodMass: s.goodMass[node], labelProp: s.labelProp[node], risk: s.risk[node] };
  }
  let bad = 0;
  let good = 0;
  let lpSum = 0;
  let used = 0;
  for (const { node: u, stored } of neighbours) {
    if (u < 0 || u >= batch.nodeCount || store.isBlocked(u)) continue;
    const degree = store.degree(u) + (stored ? 0 : 1);
    bad += (s.damping * s.badMass[u]) / degree;
    good += (s.damping * s.goodMass[u]) / degree;
    lpSum += s.labelProp[u];
    used++;
  }
  const labelProp = used > 0 ? lpSum / used : s.prior;
  return { badMass: bad, goodMass: good, labelProp, risk: combineRisk(bad, good, labelProp, s.prior, s.alpha) };
}

/** The node's community, or the one most of its (non-super) neighbours belong to; -1 when none is known. */
export function communityOf(batch: BatchResult, store: AdjacencyStore, node: number, neighbours: readonly Neighbour[]): number {
  if (node >= 0 && node < batch.nodeCount) return batch.community[node];
  const votes = new Map<number, number>();
  let best = -1;
  let bestVotes = 0;
  for (const { node: u } of neighbours) {
    if (u < 0 || u >= batch.nodeCount || store.isBlocked(u)) continue;
    const c = batch.community[u];
    const count = (votes.get(c) ?? 0) + 1;
    votes.set(c, count);
    if (count > bestVotes || (count === bestVotes && c < best)) {
      best = c;
      bestVotes = count;
    }
  }
  return best;
}
