// The variable factory's compact spec: base fields x entities x windows x aggregations, and the transforms to derive
// from them. Types and validation; generation is in variable-factory.ts.
import { RiskError } from '../core/index.js';
import { AGGREGATIONS, ENTITY_KINDS, type Aggregation, type EntityKind } from './feature-spec.js';
import { parseWindow } from './window-spec.js';
import { ProblemList } from './spec-problems.js';

export interface FactoryBase {
  /** Word used in names: "applications", "requested_amount". */
  readonly name: string;
  readonly events: readonly string[];
  readonly filter?: string;
  readonly field?: string | Readonly<Record<string, string>>;
  readonly value?: string;
  readonly aggregations: readonly Exclude<Aggregation, 'ratio'>[];
  /** Only these entities (default: every factory entity whose key the events carry). */
  readonly entities?: readonly EntityKind[];
  /** Only these windows (default: the factory's). */
  readonly windows?: readonly string[];
}

export interface FactoryTransforms {
  /** short-window value / long-window value, for every pair of windows. */
  readonly windowRatios?: boolean;
  /** long-window value - short-window value. */
  readonly windowDifferences?: boolean;
  /** rate in the short window / rate in the long window (count, sum and distinct_count only). */
  readonly windowTrends?: boolean;
  /** value(entity A) / value(entity B) for the same base, aggregation and window. */
  readonly entityRatios?: boolean;
  /** greater_than flags at these thresholds. */
  readonly flags?: readonly number[];
  /** is_missing flags for aggregations that can be missing. */
  readonly missingFlags?: boolean;
  /** log1p of counts and sums. */
  readonly logs?: boolean;
}

export interface FactorySpec {
  readonly name: string;
  readonly entities: readonly EntityKind[];
  readonly windows: readonly string[];
  readonly bases: readonly FactoryBase[];
  readonly transforms?: FactoryTransforms;
}

const WORD = /^[a-z][a-z0-9_]*$/;

export function validateFactorySpec(input: unknown): FactorySpec {
  const problems = new ProblemList();
  const spec = input as FactorySpec;
  if (spec === null || typeof spec !== 'object') {
    throw new RiskError('FEATURE_FACTORY_INVALID', 'a factory spec is a JSON object', {});
  }
  if (typeof spec.name !== 'string' || !WORD.test(spec.name)) problems.add('name', 'FEATURE_FACTORY_INVALID', 'name is a lower-case word');
  if (!Array.isArray(spec.entities) || spec.entities.length === 0 || !spec.entities.every((e) => (ENTITY_KINDS as readonly string[]).includes(e))) {
    problems.add('entities', 'FEATURE_ENTITY_UNKNOWN', `entities are some of ${ENTITY_KINDS.join(', ')}`);
  }
  if (!Array.isArray(spec.windows) || spec.windows.length === 0) problems.add('windows', 'FEATURE_WINDOW_INVALID', 'list at least one window');
  for (const [i, w] of (spec.windows ?? []).entries()) {
    const parsed = parseWindow(w);
    if (typeof parsed === 'string' || parsed.kind !== 'time') problems.add(`windows[${i}]`, 'FEATURE_WINDOW_INVALID', `"${w}" is not a time window`);
  }
  if (!Array.isArray(spec.bases) || spec.bases.length === 0) problems.add('bases', 'FEATURE_FACTORY_INVALID', 'list at least one base');
  for (const [i, b] of (spec.bases ?? []).entries()) {
    if (typeof b.name !== 'string' || !WORD.test(b.name)) problems.add(`bases[${i}].name`, 'FEATURE_FACTORY_INVALID', 'a base name is a lower-case word');
    if (!Array.isArray(b.aggregations) || b.aggregations.length === 0 || !b.aggregations.every((a) => (AGGREGATIONS as readonly string[]).includes(a) && a !== 'ratio')) {
      problems.add(`bases[${i}].aggregations`, 'FEATURE_AGGREGATION_UNKNOWN', 'aggregations are windowed aggregations (not ratio)');
    }
  }
  const names = (spec.bases ?? []).map((b) => b.name);
  if (new Set(names).size !== names.length) problems.add('bases', 'FEATURE_NAME_DUPLICATE', 'base names are unique');
  problems.throwIfAny(`factory spec "${spec.name}" is invalid`);
  return spec;
}
