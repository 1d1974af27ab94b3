// Arrival times of applicants, generated in increasing order without holding them all: the sorted uniform order
// statistics are drawn one after another, then mapped through the inverse of a daily intensity profile (more
// applications by day than by night). Not the applicants themselves (applicant-profile.ts).

import { HOUR_MS, type Random } from '../core/index.js';
import { SIMULATOR_MODEL } from './simulator-model.js';

export class ArrivalProcess {
  /** cumulative[i] = share of all arrivals before hour i of the window. */
  private readonly cumulative: Float64Array;
  private position = 0;

  constructor(private readonly startMs: number, endMs: number, private remaining: number, private readonly random: Random) {
    const hours = Math.max(1, Math.ceil((endMs - startMs) / HOUR_MS));
    const { hourWeights } = SIMULATOR_MODEL.arrival;
    const offset = SIMULATOR_MODEL.calls.localUtcOffsetHours;
    const startHour = Math.floor(startMs / HOUR_MS);
    this.cumulative = new Float64Array(hours + 1);
    for (let i = 0; i < hours; i++) {
      const localHour = (((startHour + i + offset) % 24) + 24) % 24;
      this.cumulative[i + 1] = this.cumulative[i] + hourWeights[localHour];
    }
    const total = this.cumulative[hours];
    for (let i = 0; i <= hours; i++) this.cumulative[i] /= total;
  }

  get left(): number {
    return this.remaining;
  }

  /**
   * The time of the next arrival that takes `take` of the remaining applicants (a ring takes several at once):
   * the smallest of the `remaining` uniforms above the current position, by the order-statistics recursion.
   */
  next(take: number): number {
    const u = this.random.next();
    this.position = 1 - (1 - this.position) * Math.pow(1 - u, 1 / this.remaining);
    this.remaining -= take;
    return this.timeAt(this.position);
  }

  private timeAt(share: number): number {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (c[mid] <= share) lo = mid;
      else hi = mid;
    }
    const width = c[hi] - c[lo];
    const within = width > 0 ? (share - c[lo]) / width : 0;
    return this.startMs + Math.floor((lo + within) * HOUR_MS);
  }
}
