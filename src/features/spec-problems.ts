// Authoring problems of a feature set: every problem is collected (path, code, message) and thrown once as
// FEATURE_SPEC_INVALID, so an author fixes a whole spec in one round. Each problem's own code is stable API too.
import { RiskError } from '../core/index.js';

export interface SpecProblem {
  /** Where in the spec: "features[3].window". */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export class ProblemList {
  readonly items: SpecProblem[] = [];

  add(path: string, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  throwIfAny(what: string): void {
    if (this.items.length === 0) return;
    const first = this.items[0];
    const more = this.items.length > 1 ? ` (and ${this.items.length - 1} more)` : '';
    throw new RiskError('FEATURE_SPEC_INVALID', `${what}: ${first.path}: ${first.message}${more}`, {
      problems: this.items,
    });
  }
}
