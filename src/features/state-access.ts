// The synchronous view of key states that the runtime reads and updates. The in-memory store is one directly; the
// Redis store loads the keys a batch needs into one, runs the same runtime code, and writes back what was marked
// dirty. A request overlay clones keys on first touch so a request can be applied without changing live state.
import { cloneKeyState, type KeyState } from './key-state.js';

export interface StateAccess {
  get(entity: number, key: string): KeyState | undefined;
  /** Stores a new (or reset) key state. */
  set(entity: number, key: string, state: KeyState): void;
  /** Called after a key state was changed in place; stores that write back remember it. */
  readonly dirty?: (entity: number, key: string, state: KeyState) => void;
}

/** loanId -> applicant key, learnt from loan.booked; how repayments and calls find their applicant. */
export interface LoanLinks {
  owner(loanId: string): string | undefined;
  link(loanId: string, owner: string): void;
}

export class MapStateAccess implements StateAccess {
  readonly maps: Map<string, KeyState>[];

  constructor(entityCount: number) {
    this.maps = Array.from({ length: entityCount }, () => new Map<string, KeyState>());
  }

  get(entity: number, key: string): KeyState | undefined {
    return this.maps[entity].get(key);
  }

  set(entity: number, key: string, state: KeyState): void {
    this.maps[entity].set(key, state);
  }
}

export class MapLoanLinks implements LoanLinks {
  readonly map = new Map<string, string>();

  owner(loanId: string): string | undefined {
    return this.map.get(loanId);
  }

  link(loanId: string, owner: string): void {
    this.map.set(loanId, owner);
  }
}

/** Reads through to `base`, but every key it hands out is a private copy: for applying a request virtually. */
export class OverlayStateAccess implements StateAccess {
  private readonly copies = new Map<string, KeyState>();

  constructor(private readonly base: StateAccess) {}

  get(entity: number, key: string): KeyState | undefined {
    const id = `${entity}\u0000${key}`;
    const own = this.copies.get(id);
    if (own) return own;
    const live = this.base.get(entity, key);
    if (!live) return undefined;
    const copy = cloneKeyState(live);
    this.copies.set(id, copy);
    return copy;
  }

  set(entity: number, key: string, state: KeyState): void {
    this.copies.set(`${entity}\u0000${key}`, state);
  }
}

export class OverlayLoanLinks implements LoanLinks {
  private readonly own = new Map<string, string>();

  constructor(private readonly base: LoanLinks) {}

  owner(loanId: string): string | undefined {
    return this.own.get(loanId) ?? this.base.owner(loanId);
  }

  link(loanId: string, owner: string): void {
    this.own.set(loanId, owner);
  }
}

/** A map access that remembers which keys were created or changed (what a remote store must write back). */
export class TrackingStateAccess extends MapStateAccess {
  readonly changed = new Set<string>();

  override set(entity: number, key: string, state: KeyState): void {
    super.set(entity, key, state);
    this.changed.add(`${entity}\u0000${key}`);
  }

  readonly dirty = (entity: number, key: string): void => {
    this.changed.add(`${entity}\u0000${key}`);
  };

  /** Loads a state without marking it changed. */
  load(entity: number, key: string, state: KeyState): void {
    super.set(entity, key, state);
  }

  *changedStates(): Iterable<[number, string, KeyState]> {
    for (const id of this.changed) {
      const cut = id.indexOf('\u0000');
      const entity = Number(id.slice(0, cut));
      const key = id.slice(cut + 1);
      yield [entity, key, this.get(entity, key)!];
    }
  }
}
