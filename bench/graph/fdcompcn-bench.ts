// FDCompCN (../shared/data/fdcompcn/csv): a GBDT on the 57 node features alone against the same GBDT with
// cross-fitted graph features, on the stored train / valid / test split. Reference points from the issue: a random
// forest on node features alone reaches AUC 0.813; a public re-run of CARE-GNN and GHRN reported AUC ~0.55.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { graphLift } from '../../src/graph/eval/graph-lift.js';
import { loadFdcompcn } from '../../src/graph/eval/fdcompcn-data.js';
import { gbdtTrainer } from '../../src/graph/testing/gbdt-trainer.js';

const FOLDER = join(process.cwd(), '..', 'shared', 'data', 'fdcompcn', 'csv');
const r3 = (x: number): number => Number(x.toFixed(3));

export async function runFdcompcn(quick: boolean): Promise<Record<string, unknown>> {
  if (!existsSync(FOLDER)) {
    console.error(`fdcompcn: ${FOLDER} not found; skipped`);
    return { fdcompcn: null };
  }
  const started = performance.now();
  const { graph, nodeFeatures } = loadFdcompcn(FOLDER);
  const report = graphLift(graph, nodeFeatures, gbdtTrainer({ rounds: quick ? 150 : 400, maxDepth: 4, learningRate: 0.03 }));
  const w = report.withoutGraph;
  const g = report.withGraph;
  console.error(`fdcompcn: ${graph.n} companies (train ${report.rows.train}, valid ${report.rows.valid}, test ${report.rows.test}), ` +
    `${report.graphFeatures.length} graph features, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.error(`  test split         AUC    macro-F1  recall`);
  console.error(`  node features      ${w.auc.toFixed(3)}  ${w.macroF1.toFixed(3)}     ${w.recall.toFixed(3)}`);
  console.error(`  + graph features   ${g.auc.toFixed(3)}  ${g.macroF1.toFixed(3)}     ${g.recall.toFixed(3)}`);
  console.error(`  graph risk score alone: AUC ${report.graphRiskScoreAuc.toFixed(3)} (reference: RF on node features 0.813, CARE-GNN/GHRN ~0.55)`);
  return {
    fdcompcn_auc_without_graph: r3(w.auc), fdcompcn_auc_with_graph: r3(g.auc),
    fdcompcn_macro_f1_without_graph: r3(w.macroF1), fdcompcn_macro_f1_with_graph: r3(g.macroF1),
    fdcompcn_recall_without_graph: r3(w.recall), fdcompcn_recall_with_graph: r3(g.recall),
    fdcompcn_graph_score_auc: r3(report.graphRiskScoreAuc),
  };
}
