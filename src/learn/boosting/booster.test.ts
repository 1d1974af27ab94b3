import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BinnedDataset } from '../dataset/binned-dataset.js';
import { GbstObjective } from '../objective/gbst-objective.js';
import { LogisticObjective } from '../objective/logistic-objective.js';
import type { Objective } from '../objective/objective.js';
import { simulateLoans } from '../testing/simulated-loans.js';
import { SerialHistogramBuilder } from '../tree/histogram-builder.js';
import { DEFAULT_TREE_PARAMS } from '../tree/tree-params.js';
import { boost, type BoostParams } from './booster.js';
import { HazardUpdate } from './hazard-update-wasm.js';

const params: BoostParams = { ...DEFAULT_TREE_PARAMS, maxDepth: 3, rounds: 12, subsample: 1, colsample: 1, seed: 0, earlyStoppingRounds: 0, treePerOutput: false };

/** The same objective without gradientsOfRange, so the booster takes its separate gradient pass. */
function withoutRowGradients(o: Objective): Objective {
  return {
    name: o.name,
    outputs: o.outputs,
    rowCount: o.rowCount,
    activeOutputs: o.activeOutputs,
    usesExpScores: o.usesExpScores,
    initScores: () => o.initScores(),
    gradients: (raw, gh, expRaw) => o.gradients(raw, gh, expRaw),
    loss: (raw) => o.loss(raw),
  };
}

test('fused rounds (tree added and gradients refreshed in one pass, in wasm or JavaScript) build exactly the trees of separate passes', () => {
  const sim = simulateLoans({ rows: 2000, periods: 6, seed: 3, censorShare: 0.4 });
  const data = BinnedDataset.fromTable(sim.table, ['score', 'ltv', 'grade', 'noise'], { categorical: ['grade'] });
  const labels = { time: sim.table.numeric('time'), event: sim.table.numeric('default') };
  const weight = Float64Array.from({ length: 2000 }, (_, i) => 0.5 + (i % 3));
  const cases: [string, () => Objective][] = [
    ['gbst', () => new GbstObjective(labels, { periods: 6, periodLength: 1 })],
    ['gbst weighted (JavaScript fused step)', () => new GbstObjective({ ...labels, weight }, { periods: 6, periodLength: 1 })],
    ['binary', () => new LogisticObjective({ target: labels.event })],
  ];
  for (const [name, make] of cases) {
    const separate = boost(data, withoutRowGradients(make()), params, new SerialHistogramBuilder(data));
    for (const wasm of [true, false]) {
      const fused = boost(data, make(), params, new SerialHistogramBuilder(data, { wasm }));
      assert.deepEqual(fused.trees, separate.trees, `${name}, wasm ${wasm}`);
      assert.deepEqual(fused.trainScores(), separate.trainScores(), `${name}, wasm ${wasm}`);
      assert.equal(fused.trainLoss, separate.trainLoss, `${name}, wasm ${wasm}`);
    }
  }
});

test('the wasm fused step runs for unweighted hazard losses only', () => {
  const sim = simulateLoans({ rows: 500, periods: 4, seed: 3 });
  const data = BinnedDataset.fromTable(sim.table, ['score', 'ltv']);
  const builder = new SerialHistogramBuilder(data);
  const labels = { time: sim.table.numeric('time'), event: sim.table.numeric('default') };
  const gbst = new GbstObjective(labels, { periods: 4, periodLength: 1 });
  assert.ok(HazardUpdate.create(builder.arena, gbst, gbst.initScores(), 500) !== null);
  const weighted = new GbstObjective({ ...labels, weight: new Float64Array(500).fill(2) }, { periods: 4, periodLength: 1 });
  assert.equal(HazardUpdate.create(builder.arena, weighted, weighted.initScores(), 500), null);
  assert.equal(HazardUpdate.create(null, gbst, gbst.initScores(), 500), null);
});
