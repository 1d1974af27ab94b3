// The discrete-event machinery: an Actor keeps a short time-sorted list of its own next steps and sits in the
// world's heap once, keyed by the earliest; the WorldContext is what an actor may do while it runs (emit events at
// the current time, spawn actors, report truth). Not the world loop (world-generator.ts).

import { RiskError, type Random } from '../core/index.js';
import type { EventOf, EventType } from '../ingest/index.js';
import type { HeapEntry } from './event-heap.js';
import type { Population } from './population.js';
import type { RelativePool } from './relative-pool.js';
import type { ApplicantTruth } from './world-types.js';

export interface WorldCounters {
  loans: number;
  defaults: number;
  rings: number;
  fraudsters: number;
  thinFile: number;
  applicantsDone: number;
}

export interface WorldContext {
  readonly tag: string;
  readonly applicants: number;
  readonly startMs: number;
  readonly endMs: number;
  /** The time of the step being run; every event emitted now carries it. */
  readonly now: number;
  readonly population: Population;
  readonly relatives: RelativePool;
  readonly counters: WorldCounters;
  /** A Random that depends only on the seed and the label, not on anything drawn before. */
  fork(label: string): Random;
  emit<K extends EventType>(type: K, data: EventOf<K>['data']): void;
  truth(truth: ApplicantTruth): void;
  spawn(actor: Actor): void;
  nextCallId(): string;
}

type Step = (ctx: WorldContext) => void;

/** A pending step in an actor's time-sorted singly linked list (most actors hold a handful). */
interface PendingStep {
  readonly time: number;
  readonly step: Step;
  next: PendingStep | null;
}

export abstract class Actor implements HeapEntry {
  heapTime = Infinity;
  heapSeq = 0;
  private head: PendingStep | null = null;

  /** Schedules a step of this actor; only while it runs or before it is spawned (it must not sit in the heap). */
  at(time: number, step: Step, notBefore: number): void {
    if (!(time >= notBefore)) {
      throw new RiskError('SIMULATE_TIME_REGRESSED', 'a step was scheduled before the current time', { time, notBefore });
    }
    const node: PendingStep = { time, step, next: null };
    if (this.head === null || this.head.time > time) {
      node.next = this.head;
      this.head = node;
      this.heapTime = time;
      return;
    }
    // Equal times keep the order they were scheduled in.
    let at = this.head;
    while (at.next !== null && at.next.time <= time) at = at.next;
    node.next = at.next;
    at.next = node;
  }

  get idle(): boolean {
    return this.head === null;
  }

  runNext(ctx: WorldContext): void {
    const node = this.head as PendingStep;
    this.head = node.next;
    this.heapTime = this.head === null ? Infinity : this.head.time;
    node.step(ctx);
  }

  /** Called once when the actor has nothing left to do, or when the world ends with steps still pending. */
  abstract finish(ctx: WorldContext): void;
}
