// Replay: re-runs an audited decision with its recorded inputs and pinned flow and model versions, and compares the
// outcome with the recorded one field by field. Identical means every decision-relevant field matches exactly
// (latency and trace are not decisions and are not compared). A decision cut off by its time budget is never
// identical and says why (TIME_CAPPED).
import type { DecisionRecord, DecisionResult } from '../decision/index.js';

export interface ReplayDifference {
  readonly path: string;
  readonly recorded: unknown;
  readonly replayed: unknown;
}

/** Why a replay cannot be identical, whatever the flow does. */
export interface ReplayNote {
  readonly code: string;
  readonly message: string;
}

export interface ReplayReport {
  readonly decisionId: string;
  readonly identical: boolean;
  readonly recorded: DecisionResult;
  readonly replayed: DecisionResult;
  readonly diff?: readonly ReplayDifference[];
  readonly note?: ReplayNote;
}

/**
 * A decision cut off by its time budget depends on wall time: replay runs on the recorded time alone (a clock that
 * does not move), so it runs to the end and cannot reproduce the cut. Said outright rather than left to a diff.
 */
export const TIME_CAPPED: ReplayNote = Object.freeze({
  code: 'AUDIT_REPLAY_TIME_DEPENDENT',
  message: 'the decision ran past its time budget (DECISION_TIME_EXCEEDED), which depends on wall time; replay runs '
    + 'without a moving clock, so it shows what the flow decides when it runs to the end',
});

/** Re-runs a recorded decision (the decision engine implements this). */
export interface DecisionRerunner {
  rerun(record: DecisionRecord): DecisionResult;
}

export function replayDecision(record: DecisionRecord, rerunner: DecisionRerunner): ReplayReport {
  const replayed = rerunner.rerun(record);
  const diff: ReplayDifference[] = [];
  compare(comparable(record.result), comparable(replayed), '$', diff);
  const capped = record.result.error?.code === 'DECISION_TIME_EXCEEDED';
  return {
    decisionId: record.decisionId,
    identical: diff.length === 0 && !capped,
    recorded: record.result,
    replayed,
    ...(diff.length > 0 ? { diff } : {}),
    ...(capped ? { note: TIME_CAPPED } : {}),
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
