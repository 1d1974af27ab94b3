// Small hand-made model artifacts in src/model's artifact format: a binary GBDT (probability of default) and a
// 12-period GBST (PD curve), a few stumps each with plausible directions, which the flow tests score (their numbers
// are easy to follow by hand). The installed demo's models are trained instead (demo-pd-model.json and
// demo-pd-curve-model.json, by scripts/train-demo-model.ts) on DEMO_MODEL_INPUTS.
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type GbdtArtifact, type GbstArtifact, type TreeJson } from '../../model/index.js';

/**
 * The inputs of the trained demo PD model (src/decision/demo/demo-pd-model.json, made by scripts/train-demo-model.ts):
 * variables of the demo flow — application fields, derived values, velocity and history features, graph values.
 */
export const DEMO_MODEL_INPUTS = [
  'amount', 'term', 'income', 'applicant_age', 'debt_to_income', 'contacts_count', 'emergency_count', 'apps_applicant_30d',
  'days_since_last_app', 'charged_off_180d', 'repaid_to_due_90d', 'loans_180d', 'requested_to_income', 'graph_bad_rate_2hop',
  'graph_persons_1hop', 'graph_close_bad', 'graph_community_bad_rate',
] as const;

/** The hand-made models' features (variables of the demo flow); the last one is the graph signal. */
export const DEMO_MODEL_FEATURES = ['debt_to_income', 'apps_applicant_30d', 'applicant_age', 'contacts_count', 'graph_bad_within_2'] as const;

/** Which graph variable the models split on, and where. */
export interface DemoGraphSignal {
  readonly feature: string;
  readonly threshold: number;
}

/** The signal the hand-built test cases use: any bad person within 2 hops raises the risk. */
export const CASE_GRAPH_SIGNAL: DemoGraphSignal = { feature: 'graph_bad_within_2', threshold: 0 };

function modelFeatures(graph: DemoGraphSignal): string[] {
  return [...DEMO_MODEL_FEATURES.slice(0, -1), graph.feature];
}

/** A one-split tree: feature <= threshold goes left. `left` / `right` hold one value per model output. */
function stump(feature: number, threshold: number, left: readonly number[], right: readonly number[], missingLeft: boolean, output = 0): TreeJson {
  return {
    output,
    outputs: left.length,
    feature: [feature, -1, -1],
    threshold: [threshold, 0, 0],
    left: [1, 0, 1],
    right: [2, 0, 0],
    missingLeft: [missingLeft ? 1 : 0, 0, 0],
    cover: [100, 60, 40],
    leafValues: [...left, ...right],
  };
}

export function demoPdModel(graph: DemoGraphSignal = CASE_GRAPH_SIGNAL): GbdtArtifact {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'gbdt',
    objective: 'binary',
    target: 'default_12m',
    features: modelFeatures(graph),
    training: { seconds: 0, rounds: 5, params: { handMade: true } },
    outputs: 1,
    baseScore: [-2.6],
    trees: [
      stump(0, 0.45, [-0.2], [0.7], true),
      stump(1, 2, [-0.1], [0.6], true),
      stump(2, 23, [0.4], [-0.1], false),
      stump(3, 3, [0.3], [-0.05], true),
      stump(4, graph.threshold, [-0.05], [1.1], true),
    ],
  };
}

/** Hazard raw scores per period rise then fall: a typical first-year default curve. */
export function demoPdCurveModel(graph: DemoGraphSignal = CASE_GRAPH_SIGNAL): GbstArtifact {
  const periods = 12;
  const base = Array.from({ length: periods }, (_, j) => -5.2 + 0.6 * Math.exp(-((j - 3) ** 2) / 8));
  const shift = (d: number) => Array.from({ length: periods }, () => d);
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: 'gbst',
    objective: 'gbst',
    variant: 'A',
    periods,
    periodLength: 1,
    time: 'months_to_default',
    event: 'defaulted',
    features: modelFeatures(graph),
    training: { seconds: 0, rounds: 4, params: { handMade: true } },
    outputs: periods,
    baseScore: base,
    trees: [
      stump(0, 0.45, shift(-0.25), shift(0.8), true),
      stump(1, 2, shift(-0.1), shift(0.7), true),
      stump(2, 23, shift(0.5), shift(-0.1), false),
      stump(4, graph.threshold, shift(-0.05), shift(1.3), true),
    ],
  };
}
