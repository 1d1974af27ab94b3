// The world loop: a heap with one entry per active actor (the arrival process, each applicant with something still
// to happen), popped in time order; each step emits its events at the step's time, so the stream comes out ordered
// without ever holding future events. Memory is proportional to active applicants and loans, not to events.

import { RiskError, Random, addMonths } from '../core/index.js';
import type { EventOf, EventType } from '../ingest/index.js';
import { ArrivalActor } from './arrival-actor.js';
import { ArrivalProcess } from './arrival-process.js';
import { EventHeap } from './event-heap.js';
import { Population } from './population.js';
import { RelativePool } from './relative-pool.js';
import { SIMULATOR_MODEL } from './simulator-model.js';
import { Actor, type WorldContext, type WorldCounters } from './world-actor.js';
import type { ApplicantTruth, WorldItem, WorldOptions } from './world-types.js';
import { isoTime } from './iso-time.js';
import { flat } from './identifier-formats.js';

export const DEFAULT_START = '2025-01-01T00:00:00.000Z';
export const DEFAULT_MONTHS = 18;
const MAX_APPLICANTS = 20_000_000;

export class World implements WorldContext {
  readonly tag: string;
  readonly applicants: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly arrivalEndMs: number;
  now: number;
  readonly population: Population;
  readonly relatives: RelativePool;
  readonly counters: WorldCounters = { loans: 0, defaults: 0, rings: 0, fraudsters: 0, thinFile: 0, applicantsDone: 0 };
  readonly eventsByType: Record<string, number> = {};
  events = 0;
  private calls = 0;
  private readonly seedRandom: Random;
  private readonly heap = new EventHeap<Actor>();
  private readonly outbox: WorldItem[] = [];

  constructor(options: WorldOptions) {
    const { applicants, months, startMs } = checkOptions(options);
    this.seedRandom = new Random(options.seed);
    this.tag = this.seedRandom.fork('tag').nextUint32().toString(36).padStart(7, '0');
    this.applicants = applicants;
    this.startMs = startMs;
    this.now = startMs;
    this.endMs = addMonths(startMs, months);
    this.arrivalEndMs = addMonths(startMs, Math.max(1, Math.round(months * SIMULATOR_MODEL.arrival.arrivalShare)));
    this.population = new Population(this.fork('population'), applicants);
    this.relatives = new RelativePool(SIMULATOR_MODEL.latent.relativePoolSize, this.fork('relatives'));
    this.spawn(new ArrivalActor(this, new ArrivalProcess(startMs, this.arrivalEndMs, applicants, this.fork('arrivals')), startMs));
  }

  fork(label: string): Random {
    return this.seedRandom.fork(label);
  }

  emit<K extends EventType>(type: K, data: EventOf<K>['data']): void {
    this.events++;
    this.eventsByType[type] = (this.eventsByType[type] ?? 0) + 1;
    const event = { id: `ev-${this.tag}-${this.events}`, type, time: isoTime(this.now), data } as EventOf<K>;
    this.outbox.push({ kind: 'event', event });
  }

  truth(truth: ApplicantTruth): void {
    this.outbox.push({ kind: 'truth', truth });
  }

  spawn(actor: Actor): void {
    if (!actor.idle) this.heap.push(actor);
  }

  nextCallId(): string {
    return flat(`call-${this.tag}-${++this.calls}`);
  }

  /** Runs the world to its end, yielding events in time order and each applicant's truth when its story ends. */
  *run(): Generator<WorldItem> {
    const outbox = this.outbox;
    while (this.advance()) {
      for (let i = 0; i < outbox.length; i++) yield outbox[i];
    }
  }

  /**
   * Runs one step and leaves what it produced in `outbox` (replacing what was there); false when the world is over.
   * Steps run while their time is before the end; then every actor still pending is finished as censored, one per
   * call, in heap order so the output stays deterministic.
   */
  advance(): boolean {
    this.outbox.length = 0;
    const actor = this.heap.pop();
    if (actor === undefined) return false;
    if (actor.heapTime < this.endMs) {
      this.now = actor.heapTime;
      actor.runNext(this);
      if (actor.idle) actor.finish(this);
      else this.heap.push(actor);
    } else {
      this.now = this.endMs;
      actor.finish(this);
    }
    return true;
  }

  get items(): readonly WorldItem[] {
    return this.outbox;
  }
}

/** Streams the world in order of event time. */
export function generateWorld(options: WorldOptions): Iterable<WorldItem> {
  checkOptions(options);
  return { [Symbol.iterator]: () => new World(options).run() };
}

function checkOptions(options: WorldOptions): { applicants: number; months: number; startMs: number } {
  const problems: string[] = [];
  const applicants = options.applicants;
  if (!Number.isInteger(applicants) || applicants < 1 || applicants > MAX_APPLICANTS) problems.push(`applicants must be an integer from 1 to ${MAX_APPLICANTS}`);
  const months = options.months ?? DEFAULT_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > 120) problems.push('months must be an integer from 1 to 120');
  const startMs = Date.parse(options.start ?? DEFAULT_START);
  if (Number.isNaN(startMs)) problems.push('start must be an ISO date-time');
  if (typeof options.seed !== 'number' && typeof options.seed !== 'string') problems.push('seed must be a number or a string');
  if (problems.length > 0) throw new RiskError('SIMULATE_OPTIONS_INVALID', problems.join('; '), { problems });
  return { applicants, months, startMs };
}
