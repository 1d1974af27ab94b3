import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScorecardScorer, type ScorecardArtifact } from './scorecard-scorer.js';
import { MODEL_FORMAT } from './model-artifact.js';
import { RiskError } from '../core/index.js';

const factor = 20 / Math.LN2;
const offset = 600 - factor * Math.log(50);
const build = (a: ScorecardArtifact) => createScorecardScorer(a);
const bin = (label: string, points: number, extra: object = {}) => ({ label, points, woe: 0, events: 1, nonEvents: 1, ...extra });

const artifact: ScorecardArtifact = {
  format: MODEL_FORMAT,
  formatVersion: 1,
  kind: 'scorecard',
  target: 'bad',
  features: ['fico', 'housing'],
  featureInfo: [
    { name: 'fico', type: 'numeric' },
    { name: 'housing', type: 'categorical', levels: ['own', 'rent', 'free'] },
  ],
  intercept: 0,
  scaling: { baseScore: 600, baseOdds: 50, pdo: 20, factor, offset },
  variables: [
    {
      feature: 'fico',
      type: 'numeric',
      coefficient: -1,
      iv: 0.3,
      bins: [bin('<= 650', 200, { upper: 650 }), bin('(650, 720]', 260, { upper: 720 }), bin('> 720', 300, { upper: null }), bin('missing', 230, { missing: true })],
      fallbackPoints: 200,
    },
    {
      feature: 'housing',
      type: 'categorical',
      coefficient: -1,
      iv: 0.1,
      bins: [bin('rent', 250, { levels: ['rent'] }), bin('own', 300, { levels: ['own'] })],
      fallbackPoints: 250,
    },
  ],
  training: { seconds: 0, rounds: 1, params: {} },
};

test('points add up by bin: numeric bins are upper-inclusive, missing uses the missing bin', () => {
  const s = createScorecardScorer(artifact);
  assert.equal(s.score(s.encodeRecord({ fico: 650, housing: 'own' })), 500);
  assert.equal(s.score(s.encodeRecord({ fico: 650.5, housing: 'own' })), 560);
  assert.equal(s.score(s.encodeRecord({ fico: 900, housing: 'rent' })), 550);
  assert.equal(s.score(s.encodeRecord({ housing: 'rent' })), 480);
});

test('an unseen or untrained level gets the fallback (lowest) points and says so', () => {
  const s = createScorecardScorer(artifact);
  const x = s.encodeRecord({ fico: 700, housing: 'free' });
  assert.equal(s.score(x), 510);
  assert.equal(s.reasonCodes(x)[0].attribute, 'unseen level');
});

test('PD follows from the points: 600 points is 50:1 good:bad, +20 points doubles the odds', () => {
  const s = build({ ...artifact, variables: artifact.variables.map((v) => ({ ...v, bins: v.bins.map((b) => ({ ...b, points: 300 })) })) });
  const x = s.encodeRecord({ fico: 700, housing: 'own' });
  assert.ok(Math.abs(s.predictRow(x) - 1 / 51) < 1e-12);
  const cols = s.predictTable({
    rowCount: 1,
    hasColumn: () => true,
    column: (name: string) => (name === 'fico' ? { values: [700] } : { values: [0], levels: ['own'] }),
  });
  assert.deepEqual(cols.map((c) => c.name), ['pd', 'score']);
  assert.equal(cols[1].values[0], 600);
});

test('reason codes rank the largest point losses against each variable\'s best bin', () => {
  const s = createScorecardScorer(artifact);
  const r = s.reasonCodes(s.encodeRecord({ fico: 600, housing: 'rent' }));
  assert.deepEqual(r.map((x) => [x.feature, x.attribute, x.pointsLost]), [
    ['fico', '<= 650', 100],
    ['housing', 'rent', 50],
  ]);
  assert.equal(s.reasonCodes(s.encodeRecord({ fico: 800, housing: 'own' })).length, 0);
});

test('broken artifacts are rejected with MODEL_ARTIFACT_INVALID', () => {
  const isInvalid = (e: unknown) => e instanceof RiskError && e.code === 'MODEL_ARTIFACT_INVALID';
  const closedLast = { ...artifact, variables: [{ ...artifact.variables[0], bins: [bin('<= 650', 1, { upper: 650 })] }, artifact.variables[1]] };
  assert.throws(() => build(closedLast), isInvalid);
  assert.throws(() => build({ ...artifact, features: ['fico'] }), isInvalid);
  assert.throws(() => build({ ...artifact, scaling: { ...artifact.scaling, factor: 0 } }), isInvalid);
});
