// What the API tells about one identifier (a phone, a device...): how many persons share it and how many of them
// are bad, its labels, whether it is a super-node, and its component, community and propagated risk.

import { BAD_FLAGS, Flag } from './node-kinds.js';
import type { FeatureValues } from './graph-features.js';
import type { TenantGraph } from './tenant-graph.js';

export function identifierFeatures(graph: TenantGraph, node: number): FeatureValues {
  const store = graph.store;
  const flags = store.nodes.flags;
  let persons = 0;
  let bad = 0;
  store.forEachNeighbor(node, (q) => {
    persons++;
    if (flags[q] & BAD_FLAGS) bad++;
  });
  const component = graph.components.componentOf(node);
  const batch = graph.batch;
  const inBatch = batch !== null && node < batch.nodeCount;
  const community = inBatch ? batch.community[node] : -1;
  return {
    persons,
    bad_persons: bad,
    bad_rate: persons > 0 ? bad / persons : null,
    blacklisted: flags[node] & Flag.blacklisted ? 1 : 0,
    super_node: store.isBlocked(node) ? 1 : 0,
    component_size: component.persons,
    component_bad_rate: component.persons > 0 ? component.bad / component.persons : null,
    community_persons: community >= 0 ? batch!.communityPersons[community] : null,
    community_bad_rate: community >= 0 && batch!.communityPersons[community] > 0
      ? batch!.communityBad[community] / batch!.communityPersons[community] : null,
    ppr_bad_mass: inBatch ? batch.scores.badMass[node] : null,
    ppr_good_mass: inBatch ? batch.scores.goodMass[node] : null,
    label_propagation: inBatch ? batch.scores.labelProp[node] : null,
    graph_risk_score: inBatch ? batch.scores.risk[node] : null,
  };
}
