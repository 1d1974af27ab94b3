// Does the graph help? Trains the same classifier twice on the train split — node features alone, and node
// features plus graph features — and reports AUC, macro-F1 and recall on the test split (threshold tuned on valid).
// Graph features are cross-fitted: a train node's features are computed with its own fold's labels hidden, and
// valid/test nodes' with every train label known (their own labels are never seeds), so no row sees its own label.

import { Random } from '../../core/index.js';
import { evaluateClassifier, type ClassifierMetrics } from './classification-metrics.js';
import { communitiesOf, nodeGraphFeatures, type FeatureColumns } from './node-graph-features.js';
import { relationGraphs, Split, type LabelledGraph } from './labelled-graph.js';

/** Fits on the rows given and returns a scorer of rows: the learner is injected (GBDT from learn in practice). */
export type Trainer = (columns: FeatureColumns, rows: Int32Array, target: Float64Array) => (columns: FeatureColumns, rows: Int32Array) => Float64Array;

export interface GraphLiftReport {
  readonly withoutGraph: ClassifierMetrics;
  readonly withGraph: ClassifierMetrics;
  /** The graph risk score alone (no training) on the test split. */
  readonly graphRiskScoreAuc: number;
  readonly graphFeatures: readonly string[];
  readonly rows: { train: number; valid: number; test: number };
}

export function crossFittedGraphFeatures(graph: LabelledGraph, folds = 5, seed = 1): FeatureColumns {
  const inputs = relationGraphs(graph);
  const community = communitiesOf(inputs.union, seed);
  const trainRows: number[] = [];
  for (let v = 0; v < graph.n; v++) if (graph.split[v] === Split.train) trainRows.push(v);
  new Random(seed).shuffle(trainRows);
  const known = new Int8Array(graph.n).fill(-1);
  for (const v of trainRows) known[v] = graph.labels[v];
  // valid / test rows: every train label known.
  const result = nodeGraphFeatures(inputs, known, community);
  for (let f = 0; f < folds; f++) {
    const fold = trainRows.filter((_, i) => i % folds === f);
    const hidden = Int8Array.from(known);
    for (const v of fold) hidden[v] = -1;
    const columns = nodeGraphFeatures(inputs, hidden, community);
    for (const [name, values] of Object.entries(columns)) for (const v of fold) result[name][v] = values[v];
  }
  return result;
}

export function graphLift(graph: LabelledGraph, nodeFeatures: FeatureColumns, train: Trainer): GraphLiftReport {
  const graphColumns = crossFittedGraphFeatures(graph);
  const rowsOf = (s: number): Int32Array => {
    const rows: number[] = [];
    for (let v = 0; v < graph.n; v++) if (graph.split[v] === s) rows.push(v);
    return Int32Array.from(rows);
  };
  const [trainRows, validRows, testRows] = [rowsOf(Split.train), rowsOf(Split.valid), rowsOf(Split.test)];
  const target = Float64Array.from(trainRows, (v) => graph.labels[v]);
  const labelsOf = (rows: Int32Array): Float64Array => Float64Array.from(rows, (v) => graph.labels[v]);
  const fitAndScore = (columns: FeatureColumns): ClassifierMetrics => {
    const model = train(columns, trainRows, target);
    return evaluateClassifier(
      { scores: model(columns, validRows), labels: labelsOf(validRows) },
      { scores: model(columns, testRows), labels: labelsOf(testRows) },
    );
  };
  const withoutGraph = fitAndScore(nodeFeatures);
  const withGraph = fitAndScore({ ...nodeFeatures, ...graphColumns });
  const risk = graphColumns.graph_risk_score;
  const graphOnly = evaluateClassifier(
    { scores: Float64Array.from(validRows, (v) => risk[v]), labels: labelsOf(validRows) },
    { scores: Float64Array.from(testRows, (v) => risk[v]), labels: labelsOf(testRows) },
  );
  return {
    withoutGraph, withGraph, graphRiskScoreAuc: graphOnly.auc, graphFeatures: Object.keys(graphColumns),
    rows: { train: trainRows.length, valid: validRows.length, test: testRows.length },
  };
}
