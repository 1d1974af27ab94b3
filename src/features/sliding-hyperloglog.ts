// Sliding-window HyperLogLog (LFPM: each register keeps its "list of future possible maxima", Chabchoub & Hebrail
// 2010): distinct counts over any window ending now, in memory that does not grow with the number of values.
// 1024 registers: standard error 1.04/sqrt(1024) = 3.25%. Used only for keys with more distinct values than the
// exact tracker holds (see distinct-tracker.ts).

export const HLL_REGISTERS = 1024;
const REST_BITS = 42;
const ALPHA = 0.7213 / (1 + 1.079 / HLL_REGISTERS);

export class SlidingHyperLogLog {
  /** Per register: flat [time, rank, time, rank, ...], times rising and ranks falling. */
  readonly registers: number[][];

  constructor(registers?: number[][]) {
    this.registers = registers ?? Array.from({ length: HLL_REGISTERS }, () => []);
  }

  add(hash: number, time: number): void {
    const j = hash % HLL_REGISTERS;
    const rest = Math.floor(hash / HLL_REGISTERS);
    const rank = rest === 0 ? REST_BITS + 1 : REST_BITS - Math.floor(Math.log2(rest));
    const list = this.registers[j];
    // Older pairs with a rank no higher than the new one can never again be a window's maximum.
    while (list.length > 0 && list[list.length - 1] <= rank) list.length -= 2;
    list.push(time, rank);
  }

  /** Drops pairs older than `cutoff`. */
  prune(cutoff: number): void {
    for (const list of this.registers) {
      let k = 0;
      while (k < list.length && list[k] < cutoff) k += 2;
      if (k > 0) list.splice(0, k);
    }
  }

  /** Estimated distinct values seen at or after `lower`. */
  estimate(lower: number): number {
    let sum = 0;
    let zeros = 0;
    for (const list of this.registers) {
      let rank = 0;
      for (let k = 0; k < list.length; k += 2) {
        if (list[k] >= lower) {
          rank = list[k + 1];
          break;
        }
      }
      if (rank === 0) zeros++;
      sum += 2 ** -rank;
    }
    const raw = (ALPHA * HLL_REGISTERS * HLL_REGISTERS) / sum;
    if (raw <= 2.5 * HLL_REGISTERS && zeros > 0) return Math.round(HLL_REGISTERS * Math.log(HLL_REGISTERS / zeros));
    return Math.round(raw);
  }

  pairCount(): number {
    let n = 0;
    for (const list of this.registers) n += list.length;
    return n / 2;
  }
}

