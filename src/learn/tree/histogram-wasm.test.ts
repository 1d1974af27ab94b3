import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../core/index.js';
import { boost, type BoostParams } from '../boosting/booster.js';
import { BinnedDataset } from '../dataset/binned-dataset.js';
import { GbstObjective } from '../objective/gbst-objective.js';
import { LogisticObjective } from '../objective/logistic-objective.js';
import { simulateLoans } from '../testing/simulated-loans.js';
import { SerialHistogramBuilder, binStarts } from './histogram-builder.js';
import { WasmArena } from './histogram-wasm.js';
import { DEFAULT_TREE_PARAMS } from './tree-params.js';

test('WebAssembly SIMD is available here, so the kernels under test are the wasm ones', () => {
  assert.ok(WasmArena.create() !== null);
});

test('wasm histograms are bit-identical to the JavaScript kernels (vector and scalar gradients, 8- and 16-bit bins)', () => {
  const { table } = simulateLoans({ rows: 6_000, periods: 8, seed: 2 });
  for (const maxBins of [256, 1000]) {
    const data = BinnedDataset.fromTable(table, ['score', 'ltv', 'grade', 'noise'], { maxBins, categorical: ['grade'] });
    assert.equal(data.bins instanceof Uint16Array, maxBins > 256);
    const wasm = new SerialHistogramBuilder(data);
    const js = new SerialHistogramBuilder(data, { wasm: false });
    const K = 8;
    const r = new Random(1);
    const gh = wasm.allocateGradients(2 * data.rowCount * K);
    for (let q = 0; q < gh.length; q++) gh[q] = r.normal();
    const rows = wasm.allocateRows(data.rowCount);
    for (let i = 0; i < rows.length; i++) rows[i] = data.rowCount - 1 - i;
    const active = Int32Array.from({ length: data.rowCount }, () => 1 + r.int(K));
    const size = binStarts(data).totalBins * 2 * K;
    for (const features of [Int32Array.from([0, 1, 2, 3]), Int32Array.from([3, 1])]) {
      for (const grad of [
        { gh, stride: K, offset: 0, width: K, active },
        { gh, stride: K, offset: 0, width: K, active: null },
        { gh, stride: K, offset: 5, width: 1, active: null },
      ]) {
        const a = wasm.allocateHistogram(size).fill(7);
        const b = new Float64Array(size).fill(7);
        const outside = new Float64Array(size).fill(7);
        wasm.build([{ begin: 100, end: 5_000, hist: a }, { begin: 100, end: 5_000, hist: outside }], grad, rows, features);
        js.build([{ begin: 100, end: 5_000, hist: b }], grad, rows, features);
        assert.deepEqual(a, b);
        assert.deepEqual(outside, b, 'a histogram outside the arena is built by the JavaScript kernels');
        assert.ok(a.some((v) => v !== 0 && v !== 7));
      }
    }
  }
});

test('training with the wasm kernels grows exactly the trees of the JavaScript kernels', () => {
  const sim = simulateLoans({ rows: 3000, periods: 6, seed: 5, censorShare: 0.3 });
  const data = BinnedDataset.fromTable(sim.table, ['score', 'ltv', 'grade', 'noise'], { categorical: ['grade'] });
  const labels = { time: sim.table.numeric('time'), event: sim.table.numeric('default') };
  const params: BoostParams = { ...DEFAULT_TREE_PARAMS, maxDepth: 4, rounds: 8, subsample: 1, colsample: 1, seed: 0, earlyStoppingRounds: 0, treePerOutput: false };
  for (const [name, p, make] of [
    ['gbst A', params, () => new GbstObjective(labels, { periods: 6, periodLength: 1 })],
    ['gbst B', { ...params, treePerOutput: true }, () => new GbstObjective(labels, { periods: 6, periodLength: 1 })],
    ['binary', { ...params, subsample: 0.7 }, () => new LogisticObjective({ target: labels.event })],
  ] as const) {
    const wasm = boost(data, make(), p, new SerialHistogramBuilder(data));
    const js = boost(data, make(), p, new SerialHistogramBuilder(data, { wasm: false }));
    assert.deepEqual(wasm.trees, js.trees, name);
  }
});
