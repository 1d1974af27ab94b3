// model: loading and scoring model artifacts (GBST, GBDT, Cox; scorecards via the registry) and explaining
// predictions. The decision hot path: imports only core, never training code.
export {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  readArtifactHeader,
  type ModelKind,
  type ModelArtifact,
  type ModelArtifactBase,
  type TrainingInfo,
  type FeatureInfo,
  type FeatureImportance,
  type TreeJson,
  type TreeEnsembleArtifact,
  type GbdtArtifact,
  type GbstArtifact,
  type CoxArtifact,
} from './model-artifact.js';
export { sigmoid, logit } from './link-functions.js';
export { FeatureEncoder, type RowSource, type SourceColumn, type RowFiller } from './feature-encoder.js';
export {
  ScorerBase,
  isSurvivalModel,
  type ScoringModel,
  type BinaryScoringModel,
  type SurvivalScoringModel,
  type Contribution,
  type Explanation,
  type PredictionColumn,
  type PredictOptions,
} from './scoring-model.js';
export { PackedForest } from './packed-forest.js';
export { TreeShapExplainer } from './tree-shap.js';
export { TreeEnsembleScorer } from './tree-ensemble-scorer.js';
export { GbdtScorer } from './gbdt-scorer.js';
export { GbstScorer } from './gbst-scorer.js';
export { CoxScorer } from './cox-scorer.js';
export { checkHorizons, survivalFromHazards, survivalColumnName } from './survival-horizon.js';
export {
  ScorecardScorer,
  createScorecardScorer,
  type ScorecardArtifact,
  type ScorecardVariable,
  type ScorecardBin,
  type ScorecardScaling,
  type ReasonCode,
} from './scorecard-scorer.js';
export { loadModel, registerScorer, scorerKinds, type ScorerFactory } from './scorer-registry.js';
