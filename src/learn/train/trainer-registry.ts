// Trainers by model name, so `argus train --model NAME` and callers pick one without knowing its file.
// The scorecard trainer (src/learn/scorecard) registers itself here with registerTrainer('scorecard', ...).
import { RiskError } from '../../core/index.js';
import type { ModelArtifactBase } from '../../model/index.js';
import type { Table } from '../data/table.js';
import { trainCox } from './train-cox.js';
import { trainGbdt } from './train-gbdt.js';
import { trainGbst } from './train-gbst.js';
import type { ProgressListener, TrainSpec } from './train-spec.js';

export type Trainer = (table: Table, spec: TrainSpec, onProgress?: ProgressListener) => ModelArtifactBase;

const trainers = new Map<string, Trainer>([
  ['gbst', trainGbst],
  ['gbdt', trainGbdt],
  ['cox', trainCox],
]);

export function registerTrainer(name: string, trainer: Trainer): void {
  trainers.set(name, trainer);
}

export function trainerNames(): string[] {
  return [...trainers.keys()].sort();
}

export function getTrainer(name: string): Trainer {
  const t = trainers.get(name);
  if (!t) throw new RiskError('LEARN_MODEL_UNKNOWN', `no trainer for model "${name}"`, { name, known: trainerNames() });
  return t;
}
