// graph: the relationship graph of persons and the identifiers they share — a typed-array store (CSR snapshot plus
// an append-friendly delta), live components, bounded k-hop features for decisions, batch components / Louvain
// communities / risk propagation, snapshots. See docs/graph.md.
export { GraphEngine, type GraphEngineOptions, type GraphFeatureReader } from './graph-engine.js';
export { GRAPH_FEATURES, GRAPH_FEATURE_NAMES, GRAPH_FEATURE_PREFIX, validateGraphFeatureNames } from './feature-catalog.js';
export { DEFAULT_SUPER_NODE_CAPS, SuperNodeRule, type SuperNodeCaps } from './super-node-rule.js';
export { NodeType, Relation, Flag, NODE_TYPE_NAMES, IDENTIFIER_TYPE_NAMES, type NodeTypeName } from './node-kinds.js';
export { readLabelsFile, parseLabels, type LabelEntry, type LabelName } from './labels-file.js';
export type { GraphStats } from './graph-stats.js';
export type { Neighborhood, NeighborhoodNode, NeighborhoodEdge } from './neighborhood.js';
export type { BatchResult } from './batch-result.js';
export type { FeatureValues } from './graph-features.js';
// The typed-array core and batch algorithms, for benchmarks and offline evaluation.
export { TenantGraph } from './tenant-graph.js';
export { AdjacencyStore } from './adjacency-store.js';
export { NodeTable } from './node-table.js';
export { buildCsr, type CsrCore, type EdgeList } from './csr-core.js';
export { csrFromEdges, traversalGraph, type CsrGraph } from './csr-graph.js';
export { connectedComponents, type Components } from './connected-components.js';
export { pageRank, type PageRankOptions, type PageRankResult } from './pagerank.js';
export { PageRankPool } from './pagerank-pool.js';
export { louvain, modularity, type LouvainResult } from './louvain-communities.js';
export { labelPropagation } from './label-propagation.js';
export { propagateRisk, type PropagationScores } from './risk-propagation.js';
export { runBatch } from './graph-batch.js';
export { computeGraphFeatures } from './graph-features.js';
export { packStamp, timeToTick } from './edge-stamp.js';
export { writeSnapshot, readSnapshot } from './graph-snapshot.js';
