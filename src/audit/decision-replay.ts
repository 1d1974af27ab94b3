// Replay: re-runs an audited decision with its recorded inputs and pinned flow and model versions, and compares the
// outcome with the recorded one field by field. Identical means every decision-relevant field matches exactly
// (latency and trace are not decisions and are not compared).
import type { DecisionRecord, DecisionResult } from '../decision/index.js';

export interface ReplayDifference {
  readonly path: string;
  readonly recorded: unknown;
  readonly replayed: unknown;
}

export interface ReplayReport {
  readonly decisionId: string;
  readonly identical: boolean;
  readonly recorded: DecisionResult;
  readonly replayed: DecisionResult;
  readonly diff?: readonly ReplayDifference[];
}

/** Re-runs a recorded decision (the decision engine implements this). */
export interface DecisionRerunner {
  rerun(record: DecisionRecord): DecisionResult;
}

export function replayDecision(record: DecisionRecord, rerunner: DecisionRerunner): ReplayReport {
  const replayed = rerunner.rerun(record);
  const diff: ReplayDifference[] = [];
  compare(comparable(record.result), comparable(replayed), '$', diff);
  return {
    decisionId: record.decisionId,
    identical: diff.length === 0,
    recorded: record.result,
    replayed,
    ...(diff.length > 0 ? { diff } : {}),
  };
}

function comparable(result: DecisionResult): unknown {
  const { trace: _trace, ...rest } = result;
  // Round-trip through JSON: the recorded side has been stored as JSON (undefined fields dropped, -0 as 0).
  return JSON.parse(JSON.stringify(rest));
}

function compare(a: unknown, b: unknown, path: string, out: ReplayDifference[]): void {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ path: `${path}.length`, recorded: a.length, replayed: b.length });
    }
    for (let i = 0; i < Math.min(a.length, b.length); i++) compare(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  out.push({ path, recorded: a, replayed: b });
}
