// What a batch run leaves behind for the read path: community per node with per-community person and bad counts,
// propagation scores, and how long each stage took. Nodes interned after the run are not covered (nodeCount).

import type { PropagationScores } from './risk-propagation.js';

export interface BatchResult {
  /** Nodes covered: ids >= nodeCount were added after this run. */
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly computedAt: number;
  readonly components: number;
  readonly largestComponent: number;
  readonly community: Int32Array;
  readonly communities: number;
  readonly modularity: number;
  /** Persons per community. */
  readonly communityPersons: Int32Array;
  /** Bad persons per community. */
  readonly communityBad: Int32Array;
  readonly scores: PropagationScores;
  /** Seconds per stage (compact, components, communities, ppr_bad, ppr_good, label_propagation, ...). */
  readonly seconds: Readonly<Record<string, number>>;
}
