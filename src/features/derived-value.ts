// Derived features: ratios and the variable factory's transforms over other features' values. One scalar
// definition serves the online reader and the factory's column-at-a-time computation, so both give the same numbers.
import type { Transform } from './feature-spec.js';

export type DerivedOp = 'ratio' | Transform;

/**
 * a, b: input values (null = missing). ranges: the inputs' window lengths (trend only).
 * ratio a/b and trend (a per ms of its window) / (b per ms of its window) are missing when b is 0 or missing.
 */
export function deriveValue(op: DerivedOp, a: number | null, b: number | null, threshold: number, rangeA: number, rangeB: number): number | null {
  switch (op) {
    case 'ratio':
      return a === null || b === null || b === 0 ? null : a / b;
    case 'difference':
      return a === null || b === null ? null : a - b;
    case 'trend':
      return a === null || b === null || b === 0 ? null : (a * rangeB) / (b * rangeA);
    case 'greater_than':
      return a === null ? null : a > threshold ? 1 : 0;
    case 'is_missing':
      return a === null ? 1 : 0;
    case 'log1p':
      return a === null ? null : Math.log1p(Math.max(a, 0));
  }
}
