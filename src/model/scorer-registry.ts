// Scorers by model kind. loadModel reads an artifact's header and hands it to its kind's factory.
// To add a kind, add its factory to BUILTIN_SCORERS (built-in kinds) or call registerScorer at start-up.
import { RiskError } from '../core/index.js';
import { createCoxScorer } from './cox-scorer.js';
import { createGbdtScorer } from './gbdt-scorer.js';
import { createGbstScorer } from './gbst-scorer.js';
import { readArtifactHeader, type ModelArtifactBase } from './model-artifact.js';
import { createScorecardScorer } from './scorecard-scorer.js';
import type { ScoringModel } from './scoring-model.js';

export type ScorerFactory = (artifact: ModelArtifactBase) => ScoringModel;

const BUILTIN_SCORERS: Record<string, ScorerFactory> = {
  gbdt: createGbdtScorer,
  gbst: createGbstScorer,
  cox: createCoxScorer,
  scorecard: createScorecardScorer,
};

const scorers = new Map<string, ScorerFactory>(Object.entries(BUILTIN_SCORERS));

export function registerScorer(kind: string, factory: ScorerFactory): void {
  scorers.set(kind, factory);
}

export function scorerKinds(): string[] {
  return [...scorers.keys()].sort();
}

/** Builds a scorer from an artifact (its JSON text or the parsed object). Invalid artifacts throw MODEL_ARTIFACT_INVALID. */
export function loadModel(artifact: string | object): ScoringModel {
  const header = readArtifactHeader(artifact);
  const factory = scorers.get(header.kind);
  if (!factory) {
    throw new RiskError('MODEL_KIND_UNKNOWN', `no scorer for model kind "${header.kind}"`, { kind: header.kind, known: scorerKinds() });
  }
  return factory(header);
}
