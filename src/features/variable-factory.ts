// Generates variable definitions from a factory spec: every base (entity x base field x aggregation x window) as a
// windowed feature, then the transforms over them (ratios, differences and trends between windows, ratios between
// entities, flags, missing flags, logs). Each definition is a feature spec the engine can run, with a readable name
// and its lineage (which base variables it is made of). Streams definitions; 100,000+ take a second or two.
import type { EntityKind, FeatureSpec } from './feature-spec.js';
import { ENTITY_KEY_SOURCES } from './entity-keys.js';
import { parseWindow } from './window-spec.js';
import { validateFactorySpec, type FactoryBase, type FactorySpec } from './factory-spec.js';
import type { WindowedAggregation } from './window-aggregate.js';

export interface VariableLineage {
  readonly base: string;
  readonly aggregation: WindowedAggregation;
  readonly entities: readonly EntityKind[];
  readonly windows: readonly string[];
  /** 'base' or the transform that made it ('window_ratio', 'entity_ratio', 'greater_than', ...). */
  readonly kind: string;
  /** Names of the variables it is computed from (empty for a base). */
  readonly inputs: readonly string[];
}

export interface VariableDefinition {
  readonly feature: FeatureSpec;
  readonly lineage: VariableLineage;
}

const MAY_BE_MISSING: ReadonlySet<string> = new Set(['mean', 'min', 'max', 'first', 'last', 'time_since_first', 'time_since_last']);
const RATES: ReadonlySet<string> = new Set(['count', 'sum', 'distinct_count']);

/** Event types of `base` that carry a key of `entity`. */
function eventsFor(base: FactoryBase, entity: EntityKind): string[] {
  return base.events.filter((type) => ENTITY_KEY_SOURCES[entity][type] !== undefined);
}

function fieldFor(base: FactoryBase, events: readonly string[]): FeatureSpec['field'] {
  if (base.field === undefined || typeof base.field === 'string') return base.field;
  const map: Record<string, string> = {};
  for (const type of events) map[type] = (base.field as Record<string, string>)[type];
  return map;
}

const rangeOf = (w: string): number => {
  const p = parseWindow(w);
  return typeof p === 'string' || p.kind !== 'time' ? NaN : p.range;
};

export function* generateVariables(input: FactorySpec): Generator<VariableDefinition> {
  const spec = validateFactorySpec(input);
  const t = spec.transforms ?? {};
  for (const base of spec.bases) {
    const windows = [...(base.windows ?? spec.windows)].sort((a, b) => rangeOf(a) - rangeOf(b));
    const entities = (base.entities ?? spec.entities).filter((e) => spec.entities.includes(e) && eventsFor(base, e).length > 0);
    for (const agg of base.aggregations) {
      const baseName = (e: EntityKind, w: string) => `${e}.${base.name}.${agg}.${w}`;
      const lineage = (kind: string, es: EntityKind[], ws: string[], inputs: string[]): VariableLineage =>
        ({ base: base.name, aggregation: agg, entities: es, windows: ws, kind, inputs });
      for (const e of entities) {
        const events = eventsFor(base, e);
        for (const w of windows) {
          const name = baseName(e, w);
          const feature: FeatureSpec = {
            name, entity: e, events, aggregation: agg, window: w,
            ...(base.filter !== undefined ? { filter: base.filter } : {}),
            ...(base.field !== undefined ? { field: fieldFor(base, events) } : {}),
            ...(base.value !== undefined ? { value: base.value } : {}),
            description: `${agg.replace(/_/g, ' ')} of ${base.name.replace(/_/g, ' ')} for this ${e} in the last ${w}`,
          };
          yield { feature, lineage: lineage('base', [e], [w], []) };
          for (const k of t.flags ?? []) {
            yield derived(`${name}.gt_${String(k).replace('.', 'p').replace('-', 'm')}`, 'greater_than', [name], `1 when ${name} > ${k}`, lineage('greater_than', [e], [w], [name]), k);
          }
          if (t.missingFlags && MAY_BE_MISSING.has(agg)) {
            yield derived(`${name}.missing`, 'is_missing', [name], `1 when ${name} is missing`, lineage('is_missing', [e], [w], [name]));
          }
          if (t.logs && RATES.has(agg)) {
            yield derived(`${name}.log1p`, 'log1p', [name], `log(1 + ${name})`, lineage('log1p', [e], [w], [name]));
          }
        }
        for (let i = 0; i < windows.length; i++) {
          for (let j = i + 1; j < windows.length; j++) {
            const [short, long] = [baseName(e, windows[i]), baseName(e, windows[j])];
            const ws = [windows[i], windows[j]];
            if (t.windowRatios) {
              yield derived(`${e}.${base.name}.${agg}.${windows[i]}_over_${windows[j]}`, 'ratio', [short, long], `${short} / ${long}`, lineage('window_ratio', [e], ws, [short, long]));
            }
            if (t.windowDifferences) {
              yield derived(`${e}.${base.name}.${agg}.${windows[j]}_minus_${windows[i]}`, 'difference', [long, short], `${long} - ${short}`, lineage('window_difference', [e], ws, [long, short]));
            }
            if (t.windowTrends && RATES.has(agg)) {
              yield derived(`${e}.${base.name}.${agg}.trend_${windows[i]}_${windows[j]}`, 'trend', [short, long], `rate in ${windows[i]} / rate in ${windows[j]}`, lineage('window_trend', [e], ws, [short, long]));
            }
          }
        }
      }
      if (t.entityRatios) {
        for (let a = 0; a < entities.length; a++) {
          for (let b = a + 1; b < entities.length; b++) {
            for (const w of windows) {
              const [x, y] = [baseName(entities[a], w), baseName(entities[b], w)];
              yield derived(`${entities[a]}_over_${entities[b]}.${base.name}.${agg}.${w}`, 'ratio', [x, y], `${x} / ${y}`, lineage('entity_ratio', [entities[a], entities[b]], [w], [x, y]));
            }
          }
        }
      }
    }
  }
}

function derived(name: string, op: string, inputs: string[], description: string, lineage: VariableLineage, threshold?: number): VariableDefinition {
  const feature: FeatureSpec = op === 'ratio'
    ? { name, description, aggregation: 'ratio', of: inputs }
    : { name, description, transform: op as FeatureSpec['transform'], inputs, ...(threshold !== undefined ? { threshold } : {}) };
  return { feature, lineage };
}

/** The feature set computing `chosen` (names) with every base variable they need, in generation order. */
export function featureSetFor(definitions: Iterable<VariableDefinition>, chosen: Iterable<string>): { features: FeatureSpec[]; bases: string[] } {
  const wanted = new Set(chosen);
  const byName = new Map<string, VariableDefinition>();
  for (const d of definitions) byName.set(d.feature.name, d);
  const needed = new Set<string>();
  const visit = (n: string): void => {
    if (needed.has(n)) return;
    const d = byName.get(n);
    if (!d) return;
    needed.add(n);
    for (const i of d.lineage.inputs) visit(i);
  };
  for (const n of wanted) visit(n);
  const features: FeatureSpec[] = [];
  const bases: string[] = [];
  for (const [n, d] of byName) {
    if (!needed.has(n)) continue;
    features.push(d.feature);
    if (d.lineage.kind === 'base') bases.push(n);
  }
  return { features, bases };
}
