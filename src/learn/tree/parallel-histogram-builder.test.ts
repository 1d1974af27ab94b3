import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixedClock, Random } from '../../core/index.js';
import { BinnedDataset } from '../dataset/binned-dataset.js';
import { simulateLoans } from '../testing/simulated-loans.js';
import { fitGbst } from '../train/train-gbst.js';
import { SerialHistogramBuilder, binStarts } from './histogram-builder.js';
import { ModeSpeed, ParallelHistogramBuilder } from './parallel-histogram-builder.js';

/** Workers for every batch big enough, so the tests exercise them whatever the machine's timings. */
const alwaysWorkers = { pickParallel: () => true, record: () => {} };

test('worker-thread histograms are bit-identical to serial ones', () => {
  const { table } = simulateLoans({ rows: 20_000, periods: 8, seed: 2 });
  const data = BinnedDataset.fromTable(table, ['score', 'ltv', 'grade', 'noise'], { shared: true });
  const K = 8;
  const parallel = new ParallelHistogramBuilder(data, 3, alwaysWorkers);
  try {
    const serial = new SerialHistogramBuilder(data, { wasm: false });
    const r = new Random(1);
    const gh = parallel.allocateGradients(2 * data.rowCount * K);
    for (let q = 0; q < gh.length; q++) gh[q] = r.normal();
    const rows = parallel.allocateRows(data.rowCount);
    for (let i = 0; i < rows.length; i++) rows[i] = data.rowCount - 1 - i;
    const active = Int32Array.from({ length: data.rowCount }, () => 1 + r.int(K));
    const size = binStarts(data).totalBins * 2 * K;
    const features = Int32Array.from([0, 1, 2, 3]);
    for (const grad of [
      { gh, stride: K, offset: 0, width: K, active },
      { gh, stride: K, offset: 3, width: 1, active: null },
    ]) {
      const a = [parallel.allocateHistogram(size), parallel.allocateHistogram(size)];
      const b = [new Float64Array(size), new Float64Array(size)];
      const requests = (h: Float64Array[]) => [
        { begin: 0, end: 12_000, hist: h[0] },
        { begin: 12_000, end: 20_000, hist: h[1] },
      ];
      parallel.build(requests(a), grad, rows, features);
      serial.build(requests(b), grad, rows, features);
      assert.deepEqual(a, b);
      assert.ok(a[0].some((v) => v !== 0));
    }
  } finally {
    parallel.close();
  }
});

test('training with two threads gives the same model as with one', () => {
  const { table } = simulateLoans({ rows: 8_000, periods: 12, seed: 4 });
  const spec = { features: ['score', 'ltv', 'grade', 'noise'], time: 'time', event: 'default', periods: 12, rounds: 5, maxDepth: 4, clock: new FixedClock(0) };
  const one = fitGbst(table, { ...spec, threads: 1 }).artifact;
  const two = fitGbst(table, { ...spec, threads: 2 }).artifact;
  assert.deepEqual(two.trees, one.trees);
});

test('workers are used when measured faster, the slower way re-timed every 32 batches', () => {
  for (const [serialMs, parallelMs, expected] of [[2, 1, true], [1, 2, false]] as const) {
    const speed = new ModeSpeed();
    const picks: boolean[] = [];
    for (let b = 0; b < 70; b++) {
      const parallel = speed.pickParallel();
      picks.push(parallel);
      speed.record(parallel, 1000, parallel ? parallelMs : serialMs);
    }
    // Three probes of each way first, alternating.
    assert.deepEqual(picks.slice(0, 6), [true, false, true, false, true, false]);
    const rest = picks.slice(6);
    assert.deepEqual(rest.map((p, i) => (i + 6) % 32 === 0 ? p !== expected : p === expected), rest.map(() => true));
  }
});
