// Objectives by name, as LightGBM picks them: the booster asks for one and never sees the loss inside.
import { RiskError } from '../../core/index.js';
import { CoxObjective } from './cox-objective.js';
import { GbstObjective } from './gbst-objective.js';
import { LogisticObjective } from './logistic-objective.js';
import type { Objective, ObjectiveLabels, ObjectiveParams } from './objective.js';

export type ObjectiveFactory = (labels: ObjectiveLabels, params: ObjectiveParams) => Objective;

const objectives = new Map<string, ObjectiveFactory>([
  ['binary', (labels) => new LogisticObjective(labels)],
  ['gbst', (labels, params) => new GbstObjective(labels, params)],
  ['cox', (labels) => new CoxObjective(labels)],
]);

export function registerObjective(name: string, factory: ObjectiveFactory): void {
  objectives.set(name, factory);
}

export function createObjective(name: string, labels: ObjectiveLabels, params: ObjectiveParams = {}): Objective {
  const factory = objectives.get(name);
  if (!factory) throw new RiskError('LEARN_OBJECTIVE_UNKNOWN', `no objective "${name}"`, { name, known: [...objectives.keys()] });
  return factory(labels, params);
}
