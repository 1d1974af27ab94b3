// What the parallel PageRank's main thread and workers share: the job message and the control words.

export const CONTROL = {
  /** Bumped once per sweep; workers sweep when it moves. */
  generation: 0,
  /** Workers that finished the current sweep. */
  done: 1,
  /** 1: leave the sweep loop. */
  stop: 2,
} as const;

export interface PoolJob {
  readonly control: SharedArrayBuffer;
  /** [0] dangling mass of the previous sweep; [2k + 2], [2k + 3]: mass and dangling of worker k's range. */
  readonly totals: SharedArrayBuffer;
  readonly offsets: SharedArrayBuffer;
  readonly targets: SharedArrayBuffer;
  readonly share: SharedArrayBuffer;
  readonly invDegree: SharedArrayBuffer;
  readonly restart: SharedArrayBuffer | null;
  readonly n: number;
  readonly lo: number;
  readonly hi: number;
  readonly damping: number;
  readonly slot: number;
  readonly generation: number;
}
