// Graph features of every node of a labelled graph, given which labels are known (the seeds): per relation the
// degree and the known-positive / known-negative neighbours; on the union of relations the known positives within
// two hops, the component size, the community's known positive rate (Louvain), and risk propagation (personalized
// PageRank from both seed sets, label propagation, the combined score). A node's own label never enters its own
// features except as a seed, which is why callers cross-fit (see graph-lift.ts).

import type { CsrGraph } from '../csr-graph.js';
import { connectedComponents } from '../connected-components.js';
import { louvain } from '../louvain-communities.js';
import { propagateRisk } from '../risk-propagation.js';

export type FeatureColumns = Record<string, Float64Array>;

export interface GraphInputs {
  readonly byRelation: ReadonlyMap<string, CsrGraph>;
  readonly union: CsrGraph;
}

/** known[v]: 1 known positive, 0 known negative, -1 unknown. Community detection depends only on structure: pass it. */
export function nodeGraphFeatures(inputs: GraphInputs, known: Int8Array, community: Int32Array): FeatureColumns {
  const { union } = inputs;
  const n = union.n;
  const out: FeatureColumns = {};
  for (const [name, g] of inputs.byRelation) {
    const degree = new Float64Array(n);
    const pos = new Float64Array(n);
    const rate = new Float64Array(n).fill(NaN);
    for (let v = 0; v < n; v++) {
      let p = 0;
      let q = 0;
      for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
        const u = g.targets[k];
        if (known[u] === 1) p++;
        else if (known[u] === 0) q++;
      }
      degree[v] = g.offsets[v + 1] - g.offsets[v];
      pos[v] = p;
      if (p + q > 0) rate[v] = p / (p + q);
    }
    out[`${name}_degree`] = degree;
    out[`${name}_pos_neighbours`] = pos;
    out[`${name}_pos_rate`] = rate;
  }
  out.pos_within_2 = positivesWithinTwo(union, known);
  const components = connectedComponents(union);
  out.component_size = Float64Array.from(components.labels, (c) => components.sizes[c]);
  out.community_pos_rate = communityRate(community, known);
  let negatives = 0;
  let positives = 0;
  for (let v = 0; v < n; v++) {
    if (known[v] === 1) positives++;
    else if (known[v] === 0) negatives++;
  }
  const scores = propagateRisk(union, known, positives + negatives > 0 ? positives / (positives + negatives) : 0);
  out.ppr_pos_mass = Float64Array.from(scores.badMass);
  out.ppr_neg_mass = Float64Array.from(scores.goodMass);
  out.label_propagation = Float64Array.from(scores.labelProp);
  out.graph_risk_score = Float64Array.from(scores.risk);
  return out;
}

export function communitiesOf(union: CsrGraph, seed = 1): Int32Array {
  return louvain(union, { seed }).membership;
}

function positivesWithinTwo(g: CsrGraph, known: Int8Array): Float64Array {
  const out = new Float64Array(g.n);
  const seen = new Int32Array(g.n).fill(-1);
  for (let v = 0; v < g.n; v++) {
    seen[v] = v;
    let count = 0;
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const u = g.targets[k];
      if (seen[u] !== v) {
        seen[u] = v;
        if (known[u] === 1) count++;
      }
      for (let j = g.offsets[u]; j < g.offsets[u + 1]; j++) {
        const w = g.targets[j];
        if (seen[w] === v) continue;
        seen[w] = v;
        if (known[w] === 1) count++;
      }
    }
    out[v] = count;
  }
  return out;
}

function communityRate(community: Int32Array, known: Int8Array): Float64Array {
  let size = 0;
  for (const c of community) if (c + 1 > size) size = c + 1;
  const pos = new Float64Array(size);
  const labelled = new Float64Array(size);
  for (let v = 0; v < community.length; v++) {
    if (known[v] === -1) continue;
    labelled[community[v]]++;
    if (known[v] === 1) pos[community[v]]++;
  }
  return Float64Array.from(community, (c) => (labelled[c] > 0 ? pos[c] / labelled[c] : NaN));
}
