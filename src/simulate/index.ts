// simulate: a seeded synthetic lending world (applicants, fraud rings, loans, repayments, collection calls) streamed
// as raw events plus its ground truth, for testing every other engine against known answers. Imports core and the
// event types of ingest only.
export type {
  WorldOptions, SimulationProgress, SimulationSummary, WorldItem, ApplicantTruth, LoanTruth, LoanStatus, CallTruth,
  ContactRule, LinkVia, Segment, ApplicantOutcome,
} from './world-types.js';
export { generateWorld, DEFAULT_START, DEFAULT_MONTHS } from './world-generator.js';
export { simulateToFiles } from './world-files.js';
export {
  SIMULATOR_MODEL, monthlyHazard, hazardCurve, lateProbability, prepayProbability, expectedRingSize, sigmoid,
} from './simulator-model.js';
export { THREAT_LINES, DISCLOSURE_LINES } from './call-transcripts.js';
