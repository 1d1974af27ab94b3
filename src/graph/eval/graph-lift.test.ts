// The offline evaluation pipeline on the committed FDCompCN sample: loading, cross-fitted graph features (no row
// sees its own label), and the with / without graph comparison. Figures on the full data come from the benchmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadFdcompcn } from './fdcompcn-data.js';
import { crossFittedGraphFeatures, graphLift } from './graph-lift.js';
import { Split } from './labelled-graph.js';
import { gbdtTrainer } from '../testing/gbdt-trainer.js';
import { evaluateClassifier, macroF1At } from './classification-metrics.js';

const SAMPLE = join(process.cwd(), 'test', 'fixtures', 'graph', 'fdcompcn-sample');

test('FDCompCN sample loads with its split, labels and de-duplicated undirected relations', () => {
  const { graph, nodeFeatures } = loadFdcompcn(SAMPLE);
  assert.equal(graph.n, 320);
  assert.equal(Object.keys(nodeFeatures).length, 12);
  const count = (s: number) => graph.split.filter((x) => x === s).length;
  assert.deepEqual([count(Split.train), count(Split.valid), count(Split.test)], [117, 51, 152]);
  assert.equal(graph.labels.reduce((a, b) => a + b, 0), 113);
  assert.deepEqual(graph.relations.map((r) => r.name), ['homo', 'invest_bc2bc', 'provide_bc2bc', 'sale_bc2bc']);
  for (const r of graph.relations) for (let i = 0; i < r.a.length; i++) assert.ok(r.a[i] < r.b[i]);
});

test('cross-fitted graph features: changing a node\'s own label never changes its own features', () => {
  const { graph } = loadFdcompcn(SAMPLE);
  const base = crossFittedGraphFeatures(graph);
  // Flip the labels of every test and valid node: their features (seeds are train labels only) must not move.
  const flipped = { ...graph, labels: Uint8Array.from(graph.labels, (y, v) => (graph.split[v] === Split.train ? y : 1 - y)) };
  const after = crossFittedGraphFeatures(flipped);
  for (const name of Object.keys(base)) {
    for (let v = 0; v < graph.n; v++) {
      if (graph.split[v] === Split.train) continue;
      assert.ok(Object.is(base[name][v], after[name][v]), `${name} of node ${v}`);
    }
  }
});

test('with and without graph features: both models are scored on the test split', () => {
  const { graph, nodeFeatures } = loadFdcompcn(SAMPLE);
  const report = graphLift(graph, nodeFeatures, gbdtTrainer({ rounds: 30, maxDepth: 3, learningRate: 0.1 }));
  assert.deepEqual(report.rows, { train: 117, valid: 51, test: 152 });
  for (const m of [report.withoutGraph, report.withGraph]) {
    assert.ok(m.auc > 0.5 && m.auc <= 1, `auc ${m.auc}`);
    assert.ok(m.macroF1 > 0 && m.macroF1 <= 1);
    assert.ok(m.recall >= 0 && m.recall <= 1);
  }
  assert.ok(report.graphFeatures.includes('graph_risk_score'));
  assert.ok(report.graphFeatures.includes('homo_pos_rate'));
});

test('macro-F1 and recall by hand; the threshold is tuned on one split and applied to another', () => {
  const labels = [1, 1, 0, 0, 0];
  const scores = [0.9, 0.4, 0.5, 0.1, 0.2];
  // threshold 0.45: TP 1, FN 1, FP 1, TN 2 -> F1(pos) 0.5, F1(neg) 2*2/(4+1+1) = 0.667
  const at = macroF1At(scores, labels, 0.45);
  assert.ok(Math.abs(at.macroF1 - (0.5 + 2 / 3) / 2) < 1e-12);
  assert.equal(at.recall, 0.5);
  const m = evaluateClassifier({ scores: [0.9, 0.8, 0.1, 0.2], labels: [1, 1, 0, 0] }, { scores, labels });
  assert.ok(m.threshold > 0.2 && m.threshold <= 0.8);
  assert.equal(m.auc, 5 / 6);
});
