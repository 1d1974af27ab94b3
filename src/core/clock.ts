// Time is injected so that decisions, windows and simulations are reproducible; nothing else calls Date.now().

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests, replay and simulation. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: number | string | Date = 0) {
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  set(time: number | string | Date): void {
    this.current = typeof time === 'number' ? time : new Date(time).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
