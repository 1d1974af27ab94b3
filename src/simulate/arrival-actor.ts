// Hands out the world's arrival slots in time order: a single applicant of some segment, or a fraud ring that takes
// several applicants at once. Not the arrival times themselves (arrival-process.ts) nor the applicants' lives.

import type { Random } from '../core/index.js';
import { ApplicantActor } from './applicant-actor.js';
import type { ArrivalProcess } from './arrival-process.js';
import { FraudRing } from './fraud-ring.js';
import { SIMULATOR_MODEL, ringGapMean } from './simulator-model.js';
import { Actor, type WorldContext } from './world-actor.js';
import type { Segment } from './world-types.js';

/**
 * Hands out arrival slots: a single applicant, or a fraud ring taking several applicants at once. Rings come as a
 * renewal process: before a ring of size k go uniform(0, 2) · ringGapMean(k) single applicants (uniform(0, 1) · … for
 * the first, a random phase), so the ring share holds in the long run and even a small world has a ring early on.
 */
export class ArrivalActor extends Actor {
  private readonly random: Random;
  private nextIndex = 0;
  private slotSize = 1;
  private slotRing = false;
  private nextRingSize: number;
  private singlesBeforeRing: number;

  constructor(private readonly world: WorldContext, private readonly process: ArrivalProcess, startMs: number) {
    super();
    this.random = world.fork('slots');
    this.nextRingSize = this.drawRingSize();
    this.singlesBeforeRing = Math.round(ringGapMean(this.nextRingSize) * this.random.next());
    this.planSlot(startMs);
  }

  private drawRingSize(): number {
    const r = SIMULATOR_MODEL.rings;
    return Math.min(r.maxSize, r.minSize + Math.floor(this.random.exponential(1 / r.sizeMeanExtra)));
  }

  private planSlot(notBefore: number): void {
    const remaining = this.process.left;
    if (remaining <= 0) return;
    this.slotRing = this.singlesBeforeRing <= 0 && remaining >= SIMULATOR_MODEL.rings.minSize;
    if (this.slotRing) {
      this.slotSize = Math.min(remaining, this.nextRingSize);
      this.nextRingSize = this.drawRingSize();
      this.singlesBeforeRing = Math.round(ringGapMean(this.nextRingSize) * 2 * this.random.next());
    } else {
      this.slotSize = 1;
      this.singlesBeforeRing--;
    }
    this.at(this.process.next(this.slotSize), (ctx) => this.arrive(ctx), notBefore);
  }

  private arrive(ctx: WorldContext): void {
    const world = this.world;
    if (this.slotRing) {
      const ringNumber = ++world.counters.rings;
      const ring = new FraudRing(`ring-${world.tag}-${ringNumber}`, ctx.now, this.slotSize, ctx.now + (world.endMs - ctx.now) / 2,
        world.population, world.fork(`ring:${ringNumber}`));
      for (const applyMs of ring.applyTimes) {
        world.spawn(new ApplicantActor(ctx, this.nextIndex++, 'ring_member', ctx.now, ring, applyMs));
      }
    } else {
      world.spawn(new ApplicantActor(ctx, this.nextIndex, this.singleSegment(), ctx.now, null));
      this.nextIndex++;
    }
    this.planSlot(ctx.now);
  }

  private singleSegment(): Segment {
    const s = SIMULATOR_MODEL.segments;
    const u = this.random.next() * (1 - s.ringShare);
    if (u < s.firstPartyFraudShare) return 'first_party_fraud';
    if (u < s.firstPartyFraudShare + s.thinFileShare) return 'thin_file';
    return 'normal';
  }

  finish(): void {}
}
