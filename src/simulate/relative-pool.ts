// A fixed-size uniform sample (reservoir, Algorithm R) of earlier normal applicants, from which thin-file and some
// normal applicants draw the relative they are linked to. Bounded so memory stays flat however long the world runs.

import type { Random } from '../core/index.js';

export interface RelativeEntry {
  readonly idNumber: string;
  readonly phone: string;
  readonly name: string;
  readonly latent: number;
  readonly homeAddress: string;
  readonly employer?: string;
  readonly workAddress?: string;
  readonly fingerprint: string;
  readonly os: string;
}

export class RelativePool {
  private readonly entries: RelativeEntry[] = [];
  private seen = 0;

  constructor(private readonly capacity: number, private readonly random: Random) {}

  get size(): number {
    return this.entries.length;
  }

  offer(entry: RelativeEntry): void {
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else {
      const j = this.random.int(this.seen + 1);
      if (j < this.capacity) this.entries[j] = entry;
    }
    this.seen++;
  }

  /** A uniformly chosen entry, or undefined while the pool is empty. */
  pick(random: Random): RelativeEntry | undefined {
    return this.entries.length === 0 ? undefined : this.entries[random.int(this.entries.length)];
  }
}
