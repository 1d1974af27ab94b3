// The mutable state of one decision while its flow runs: the variables CEL reads, accumulated points, reasons,
// tags, missing reads, the trace (only when asked for), and the final result once an output node is reached.
// One per decision; never shared.
import type { Clock } from '../core/index.js';
import type { DecisionError, DecisionResult, MissingRead, Reason, TraceStep } from './decision-result.js';
import type { FlowLimits, ListName } from './flow-types.js';
import type { InputRecorder } from './input-recorder.js';

export class DecisionState {
  points = 0;
  rejected = false;
  reviewed = false;
  readonly reasons: Reason[] = [];
  readonly tags: string[] = [];
  readonly listHits: string[] = [];
  readonly missing: MissingRead[] = [];
  readonly trace: TraceStep[] | null;
  error: DecisionError | null = null;
  final: DecisionResult | null = null;
  nodesRun = 0;
  depth = 0;

  constructor(
    /** The CEL variables: every declared name present (null until set), plus `app`. */
    readonly vars: Record<string, unknown>,
    readonly tenant: string,
    /** Decision time (ms): list entries expire against it. */
    readonly time: number,
    readonly inputs: InputRecorder,
    traced: boolean,
    readonly clock: Clock,
    /** The top flow's caps; they govern the whole decision, sub-flows included. */
    readonly limits: Required<FlowLimits>,
    /** clock.now() past which the decision is DECISION_TIME_EXCEEDED. */
    readonly deadline: number,
  ) {
    this.trace = traced ? [] : null;
    vars.tags = this.tags;
    vars.list_hits = this.listHits;
  }

  addPoints(points: number): void {
    this.points += points;
    this.vars.points = this.points;
  }

  reject(): void {
    this.rejected = true;
    this.vars.rejected = true;
  }

  review(): void {
    this.reviewed = true;
    this.vars.reviewed = true;
  }

  tag(tag: string): void {
    if (!this.tags.includes(tag)) this.tags.push(tag);
  }

  listHit(list: ListName, entityType: string): void {
    const label = `${list}:${entityType}`;
    if (!this.listHits.includes(label)) this.listHits.push(label);
  }

  reason(code: string, node: string, item: string | undefined, tier: number, weight: number): void {
    this.reasons.push(item === undefined ? { code, node, tier, weight } : { code, node, item, tier, weight });
  }

  step(node: string, kind: string, detail?: unknown): void {
    this.trace?.push(detail === undefined ? { node, kind } : { node, kind, detail });
  }
}
