// Small hand-made artifacts for the model engine's tests (no training code involved).
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type CoxArtifact, type GbdtArtifact, type GbstArtifact, type TreeJson } from './model-artifact.js';

const training = { seconds: 0, rounds: 1, params: {} };

/** One split on `x` at 10 (missing left) into two leaves of `outputs` values. */
export function stump(outputs: number, leftValues: number[], rightValues: number[], feature = 0): TreeJson {
  return {
    output: 0,
    outputs,
    feature: [feature, -1, -1],
    threshold: [10, 0, 0],
    left: [1, 0, 1],
    right: [2, -1, -1],
    missingLeft: [1, 0, 0],
    cover: [10, 4, 6],
    leafValues: [...leftValues, ...rightValues],
  };
}

export function gbstArtifact(): GbstArtifact {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'gbst',
    features: ['x', 'grade'],
    featureInfo: [
      { name: 'x', type: 'numeric' },
      { name: 'grade', type: 'categorical', levels: ['A', 'B', 'C'] },
    ],
    variant: 'A',
    periods: 3,
    periodLength: 4,
    time: 'time',
    event: 'default',
    objective: 'gbst',
    outputs: 3,
    baseScore: [-3, -2.5, -2],
    training,
    trees: [
      stump(3, [-0.5, -0.4, -0.3], [0.5, 0.4, 0.3]),
      {
        output: 0,
        outputs: 3,
        feature: [1, -1, -1],
        threshold: [0, 0, 0],
        left: [1, 0, 1],
        right: [2, -1, -1],
        missingLeft: [0, 0, 0],
        cover: [10, 5, 5],
        categories: { '0': [2] },
        leafValues: [0.6, 0.6, 0.6, -0.1, -0.1, -0.1],
      },
    ],
  };
}

export function gbdtArtifact(): GbdtArtifact {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'gbdt',
    features: ['x'],
    target: 'y',
    objective: 'binary',
    outputs: 1,
    baseScore: [-1],
    training,
    trees: [stump(1, [-1], [2])],
  };
}

export function coxArtifact(): CoxArtifact {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'cox',
    features: ['x'],
    time: 'time',
    event: 'default',
    objective: 'cox',
    outputs: 1,
    baseScore: [0],
    baseline: { times: [1, 5], cumulativeHazard: [0.1, 0.3] },
    training,
    trees: [stump(1, [-0.5], [0.5])],
  };
}
