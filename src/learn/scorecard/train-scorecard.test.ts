import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromColumns } from '../data/table.js';
import { trainScorecard } from './train-scorecard.js';
import { formatWoeTable, woeTableRows } from './woe-table.js';
import { createScorecardScorer } from '../../model/scorecard-scorer.js';
import { RiskError } from '../../core/index.js';

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);

// Worked example. Two attributes that are independent within each class, so logistic regression on WoE recovers
// the exact model logit P(bad) = ln(80/320) - WoE1 - WoE2 (coefficients -1, -1).
//            bads  goods
//   A, P      15     40
//   A, Q       5    120
//   B, P      45     40
//   B, Q      15    120
// WoE(A) = ln((160/320)/(20/80)) = ln 2, WoE(B) = ln(2/3), WoE(P) = ln(1/3), WoE(Q) = ln 3.
// Scaling 600 at 50:1, PDO 20: factor = 20/ln 2 = 28.8539, offset = 600 - factor*ln 50 = 487.1229.
// Points = factor*(WoE + ln 2) + offset/2 (the intercept -2 ln 2 and the offset split over two variables):
//   A = 40 + 243.5614 = 283.5614, B = factor*ln(4/3) + 243.5614 = 251.8621,
//   P = factor*ln(2/3) + 243.5614 = 231.8621, Q = factor*ln 6 + 243.5614 = 295.2607.
// Check: A,Q totals 578.8221 = offset + factor*ln(120/5), i.e. good:bad odds 24 -> PD 1/25.
function workedExample() {
  const x1: string[] = [];
  const x2: string[] = [];
  const bad: number[] = [];
  const cells: [string, string, number, number][] = [
    ['A', 'P', 15, 40],
    ['A', 'Q', 5, 120],
    ['B', 'P', 45, 40],
    ['B', 'Q', 15, 120],
  ];
  for (const [a, b, bads, goods] of cells) {
    for (let i = 0; i < bads + goods; i++) {
      x1.push(a);
      x2.push(b);
      bad.push(i < bads ? 1 : 0);
    }
  }
  return tableFromColumns({ x1, x2, bad });
}

const factor = 20 / Math.LN2;
const halfOffset = (600 - factor * Math.log(50)) / 2;

test('worked example: WoE, coefficients and points match the hand computation', () => {
  const { artifact, variables } = trainScorecard(workedExample(), { target: 'bad', binning: 'tree', l2: 0, minIv: 0 });
  close(artifact.scaling.factor, 28.85390081777927, 1e-12);
  close(artifact.scaling.offset, 487.1228762045055, 1e-9);
  close(artifact.intercept, Math.log(0.25), 1e-8);
  const byName = new Map(artifact.variables.map((v) => [v.feature, v]));
  const points = (feature: string, level: string) => byName.get(feature)!.bins.find((b) => b.levels?.includes(level))!;
  close(points('x1', 'A').woe, Math.LN2, 1e-12);
  close(points('x2', 'Q').woe, Math.log(3), 1e-12);
  close(byName.get('x1')!.coefficient, -1, 1e-8);
  close(byName.get('x2')!.coefficient, -1, 1e-8);
  close(points('x1', 'A').points, 283.5614, 1e-4);
  close(points('x1', 'B').points, 251.8621, 1e-4);
  close(points('x2', 'P').points, 231.8621, 1e-4);
  close(points('x2', 'Q').points, 295.2607, 1e-4);
  close(points('x1', 'A').points, 2 * Math.LN2 * factor + halfOffset, 1e-7);
  assert.equal(variables.length, 2);
  assert.ok(variables.every((v) => v.selected));
});

test('worked example: the scorer adds points, turns them into PD, and gives reason codes', () => {
  const { artifact } = trainScorecard(workedExample(), { target: 'bad', binning: 'tree', l2: 0, minIv: 0 });
  const scorer = createScorecardScorer(artifact);
  const aq = scorer.encodeRecord({ x1: 'A', x2: 'Q' });
  close(scorer.score(aq), 578.8221, 1e-4);
  close(scorer.predictRow(aq), 1 / 25, 1e-8);
  const ap = scorer.encodeRecord({ x1: 'A', x2: 'P' });
  close(scorer.predictRow(ap), 15 / 55, 1e-8);
  const reasons = scorer.reasonCodes(ap);
  assert.deepEqual(reasons.map((r) => [r.feature, r.attribute]), [['x2', 'P']]);
  close(reasons[0].pointsLost, factor * Math.log(9), 1e-7);
  const e = scorer.explain(ap);
  close(e.contributions.reduce((s, c) => s + c.contribution, 0), e.score - e.expected, 1e-9);
});

test('rounded points are integers and still rank the same way', () => {
  const { artifact } = trainScorecard(workedExample(), { target: 'bad', l2: 0, minIv: 0, roundPoints: true });
  for (const v of artifact.variables) for (const b of v.bins) assert.ok(Number.isInteger(b.points));
});

test('weak and wrongly signed variables are dropped, with the reason', () => {
  const t = workedExample();
  const n = t.rowCount;
  // noise: alternating, unrelated to the target; copy: x1 again (collinear)
  const noise = Array.from({ length: n }, (_, i) => i % 2);
  const withNoise = tableFromColumns({
    x1: Array.from(t.column('x1').values, (c) => (t.column('x1') as { levels: readonly string[] }).levels[c]),
    noise,
    bad: Array.from(t.column('bad').values),
  });
  const r = trainScorecard(withNoise, { target: 'bad', l2: 0 });
  const noiseSummary = r.variables.find((v) => v.feature === 'noise')!;
  assert.equal(noiseSummary.selected, false);
  assert.ok(noiseSummary.dropped === 'low-iv' || noiseSummary.dropped === 'single-bin');
  assert.deepEqual(r.artifact.features, ['x1']);
});

test('spec problems are reported together; a categorical target needs its event level', () => {
  assert.throws(
    () => trainScorecard(workedExample(), { target: 'nope', features: ['zz'], pdo: 0, maxBins: 1 }),
    (e: unknown) => e instanceof RiskError && e.code === 'LEARN_SCORECARD_SPEC_INVALID' && (e.details.problems as string[]).length === 4,
  );
  const t = tableFromColumns({ x: [1, 2, 3, 4], y: ['good', 'bad', 'good', 'bad'] });
  assert.throws(() => trainScorecard(t, { target: 'y' }), (e: unknown) => e instanceof RiskError && e.code === 'LEARN_LABEL_INVALID');
});

test('the WoE/IV table lists every bin; bin IV shares add up to the variable IV', () => {
  const result = trainScorecard(workedExample(), { target: 'bad', binning: 'tree', l2: 0, minIv: 0 });
  const rows = woeTableRows(result);
  assert.equal(rows.length, 4);
  for (const v of result.variables) {
    const sum = rows.filter((r) => r.feature === v.feature).reduce((s, r) => s + r.iv, 0);
    close(sum, v.iv, 1e-12);
  }
  const a = rows.find((r) => r.feature === 'x1' && r.bin === 'A')!;
  assert.equal(a.events, 20);
  close(a.points!, 283.5614, 1e-4);
  assert.match(formatWoeTable(result), /^feature\s+bin\s+events/);
});
