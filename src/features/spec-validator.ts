// Validates a feature set spec and returns it normalised (defaults filled in), or throws FEATURE_SPEC_INVALID with
// every problem found. Checks names, entities against the event types that carry their keys, windows, fields, CEL
// filters and values, and the references of ratios and transforms (unknown names, cycles).
import type { EventType } from '../ingest/index.js';
import { checkExpression } from '../expression/index.js';
import {
  AGGREGATIONS, ENTITY_KINDS, TIME_UNITS, TRANSFORMS,
  type Aggregation, type EntityKind, type FeatureSetSpec, type FeatureSpec,
} from './feature-spec.js';
import { ENTITY_KEY_SOURCES } from './entity-keys.js';
import { isValidPath, pathFansOut } from './field-path.js';
import { parseDuration } from './duration.js';
import { parseWindow, MAX_RANGE_MS } from './window-spec.js';
import { ProblemList } from './spec-problems.js';

const KNOWN_EVENT_TYPES: Readonly<Record<EventType, true>> = {
  'application.submitted': true, 'device.seen': true, login: true, 'loan.booked': true, 'instalment.due': true,
  'repayment.made': true, 'loan.closed': true, 'collection.call': true, 'list.changed': true, 'graph.recomputed': true,
  'graph.labelled': true,
};

export const EXPRESSION_DECLARATIONS = { data: 'dyn', eventType: 'string', time: 'double' } as const;
export const DEFAULT_TTL = '400d';
export const DEFAULT_LATENESS = '1d';
export const DEFAULT_MAX_EVENTS_PER_KEY = 4096;
export const MAX_FEATURES_PER_SET = 50_000;

const SET_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
const FEATURE_NAME = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const NEEDS_VALUE: ReadonlySet<Aggregation> = new Set(['sum', 'mean', 'min', 'max', 'distinct_count', 'first', 'last']);
const TRANSFORM_ARITY: Readonly<Record<string, number>> = { difference: 2, trend: 2, greater_than: 1, is_missing: 1, log1p: 1 };

export function validateFeatureSet(input: unknown): FeatureSetSpec {
  const problems = new ProblemList();
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    problems.add('$', 'FEATURE_SET_INVALID', 'a feature set is a JSON object with "name" and "features"');
    problems.throwIfAny('invalid feature set');
  }
  const set = input as FeatureSetSpec;
  if (typeof set.name !== 'string' || !SET_NAME.test(set.name)) {
    problems.add('name', 'FEATURE_SET_NAME_INVALID', 'the set name is 1-64 characters of a-z, 0-9, "_" or "-", starting with a letter');
  }
  const ttl = checkDuration(set.ttl ?? DEFAULT_TTL, 'ttl', problems);
  checkDuration(set.lateness ?? DEFAULT_LATENESS, 'lateness', problems);
  const maxEvents = set.maxEventsPerKey ?? DEFAULT_MAX_EVENTS_PER_KEY;
  if (!Number.isInteger(maxEvents) || maxEvents < 1000 || maxEvents > 100_000) {
    problems.add('maxEventsPerKey', 'FEATURE_SET_LIMIT_INVALID', 'maxEventsPerKey is an integer from 1000 to 100000');
  }
  if (ttl !== undefined && ttl < MAX_RANGE_MS) {
    problems.add('ttl', 'FEATURE_SET_TTL_INVALID', 'the ttl must be at least the longest window allowed (180d)');
  }
  if (!Array.isArray(set.features) || set.features.length === 0) {
    problems.add('features', 'FEATURE_SET_EMPTY', 'a feature set holds at least one feature');
    problems.throwIfAny('invalid feature set');
  }
  if (set.features.length > MAX_FEATURES_PER_SET) {
    problems.add('features', 'FEATURE_SET_TOO_LARGE', `a feature set holds at most ${MAX_FEATURES_PER_SET} features`);
  }
  const byName = new Map<string, FeatureSpec>();
  set.features.forEach((f, i) => {
    const path = `features[${i}]`;
    if (f === null || typeof f !== 'object' || Array.isArray(f)) {
      problems.add(path, 'FEATURE_INVALID', 'a feature is a JSON object');
      return;
    }
    if (typeof f.name !== 'string' || f.name.length > 128 || !FEATURE_NAME.test(f.name)) {
      problems.add(`${path}.name`, 'FEATURE_NAME_INVALID', 'a feature name is lower-case dotted words of a-z, 0-9 and "_" (at most 128 characters)');
    } else if (byName.has(f.name)) {
      problems.add(`${path}.name`, 'FEATURE_NAME_DUPLICATE', `"${f.name}" is defined twice`);
    } else byName.set(f.name, f);
    checkFeature(f, path, problems);
  });
  set.features.forEach((f, i) => {
    if (f && typeof f === 'object') checkReferences(f, `features[${i}]`, byName, problems);
  });
  checkCycles(byName, set.features, problems);
  problems.throwIfAny(`feature set "${typeof set.name === 'string' ? set.name : '?'}" is invalid`);
  return {
    ...set,
    ttl: set.ttl ?? DEFAULT_TTL,
    lateness: set.lateness ?? DEFAULT_LATENESS,
    maxEventsPerKey: maxEvents,
    features: set.features.map(normaliseFeature),
  };
}

function normaliseFeature(f: FeatureSpec): FeatureSpec {
  if (f.aggregation === undefined || f.aggregation === 'ratio') return f;
  const out: FeatureSpec = { ...f, request: f.request ?? 'exclude' };
  return f.aggregation.startsWith('time_since') ? { ...out, unit: f.unit ?? 'd' } : out;
}

function checkDuration(text: unknown, path: string, problems: ProblemList): number | undefined {
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  if (ms === undefined) problems.add(path, 'FEATURE_DURATION_INVALID', `${path} is a duration such as "1d" or "400d"`);
  return ms;
}

function checkFeature(f: FeatureSpec, path: string, problems: ProblemList): void {
  if (f.fill !== undefined && (typeof f.fill !== 'number' || !Number.isFinite(f.fill))) {
    problems.add(`${path}.fill`, 'FEATURE_FILL_INVALID', 'fill is a finite number');
  }
  if (f.transform !== undefined) {
    if (f.aggregation !== undefined) problems.add(path, 'FEATURE_KIND_AMBIGUOUS', 'a feature has an aggregation or a transform, not both');
    if (!(TRANSFORMS as readonly string[]).includes(f.transform)) {
      problems.add(`${path}.transform`, 'FEATURE_TRANSFORM_UNKNOWN', `transform is one of ${TRANSFORMS.join(', ')}`);
      return;
    }
    const arity = TRANSFORM_ARITY[f.transform];
    if (!Array.isArray(f.inputs) || f.inputs.length !== arity || !f.inputs.every((x) => typeof x === 'string')) {
      problems.add(`${path}.inputs`, 'FEATURE_INPUTS_INVALID', `${f.transform} takes ${arity} input feature name(s)`);
    }
    if (f.transform === 'greater_than' && (typeof f.threshold !== 'number' || !Number.isFinite(f.threshold))) {
      problems.add(`${path}.threshold`, 'FEATURE_THRESHOLD_INVALID', 'greater_than needs a finite numeric threshold');
    }
    return;
  }
  if (!(AGGREGATIONS as readonly string[]).includes(f.aggregation as string)) {
    problems.add(`${path}.aggregation`, 'FEATURE_AGGREGATION_UNKNOWN', `aggregation is one of ${AGGREGATIONS.join(', ')} (or give a transform)`);
    return;
  }
  if (f.aggregation === 'ratio') {
    if (!Array.isArray(f.of) || f.of.length !== 2 || !f.of.every((x) => typeof x === 'string')) {
      problems.add(`${path}.of`, 'FEATURE_INPUTS_INVALID', 'a ratio names two features: "of": [numerator, denominator]');
    }
    return;
  }
  checkWindowed(f, f.aggregation as Exclude<Aggregation, 'ratio'>, path, problems);
}

function checkWindowed(f: FeatureSpec, agg: Exclude<Aggregation, 'ratio'>, path: string, problems: ProblemList): void {
  const entity = f.entity as EntityKind;
  const entityOk = (ENTITY_KINDS as readonly string[]).includes(entity);
  if (!entityOk) problems.add(`${path}.entity`, 'FEATURE_ENTITY_UNKNOWN', `entity is one of ${ENTITY_KINDS.join(', ')}`);
  const events = Array.isArray(f.events) ? f.events : [];
  if (events.length === 0) problems.add(`${path}.events`, 'FEATURE_EVENTS_MISSING', 'list the event types the window reads');
  events.forEach((type, j) => {
    if (!Object.hasOwn(KNOWN_EVENT_TYPES, type)) {
      problems.add(`${path}.events[${j}]`, 'FEATURE_EVENT_TYPE_UNKNOWN', `"${type}" is not an event type`);
    } else if (entityOk && !ENTITY_KEY_SOURCES[entity][type]) {
      problems.add(`${path}.events[${j}]`, 'FEATURE_ENTITY_NOT_IN_EVENT', `${type} events carry no ${entity} key`);
    }
  });
  if (new Set(events).size !== events.length) problems.add(`${path}.events`, 'FEATURE_EVENTS_DUPLICATE', 'an event type is listed twice');
  const window = typeof f.window === 'string' ? parseWindow(f.window) : 'a window is required ("1h", "rows:10", "lifetime")';
  if (typeof window === 'string') problems.add(`${path}.window`, 'FEATURE_WINDOW_INVALID', window);
  if (f.request !== undefined && f.request !== 'exclude' && f.request !== 'include') {
    problems.add(`${path}.request`, 'FEATURE_REQUEST_MODE_INVALID', 'request is "exclude" (the default) or "include"');
  }
  if (f.unit !== undefined && (!agg.startsWith('time_since') || !(TIME_UNITS as readonly string[]).includes(f.unit))) {
    problems.add(`${path}.unit`, 'FEATURE_UNIT_INVALID', `unit applies to time_since_* and is one of ${TIME_UNITS.join(', ')}`);
  }
  if (f.filter !== undefined) checkCel(f.filter, 'bool', `${path}.filter`, problems);
  const hasField = f.field !== undefined;
  const hasValue = f.value !== undefined;
  if (NEEDS_VALUE.has(agg)) {
    if (hasField === hasValue) {
      problems.add(path, 'FEATURE_FIELD_MISSING', `${agg} needs exactly one of "field" (a path in data) or "value" (CEL)`);
    }
  } else if (hasField || hasValue) {
    problems.add(path, 'FEATURE_FIELD_UNUSED', `${agg} reads no field; remove "field"/"value"`);
  }
  if (hasValue) checkCel(f.value as string, agg === 'distinct_count' ? 'dyn' : 'double', `${path}.value`, problems);
  if (hasValue && agg === 'distinct_count' && typeof window !== 'string' && window.kind === 'rows') {
    problems.add(`${path}.value`, 'FEATURE_FIELD_INVALID', 'distinct_count over a rows window reads a field path, not a CEL value');
  }
  if (hasField) checkField(f.field, events, agg, typeof window === 'string' ? undefined : window.kind, path, problems);
  if (typeof window !== 'string' && window.kind === 'lifetime' && agg === 'distinct_count') {
    problems.add(`${path}.window`, 'FEATURE_WINDOW_UNSUPPORTED', 'distinct_count needs a bounded window (time or rows)');
  }
}

function checkField(
  field: unknown, events: readonly string[], agg: Aggregation, windowKind: string | undefined, path: string, problems: ProblemList,
): void {
  const paths: string[] = [];
  if (typeof field === 'string') paths.push(field);
  else if (field !== null && typeof field === 'object' && !Array.isArray(field)) {
    const map = field as Record<string, unknown>;
    for (const type of events) {
      if (typeof map[type] !== 'string') problems.add(`${path}.field`, 'FEATURE_FIELD_MISSING', `no field path given for ${type}`);
    }
    for (const [type, p] of Object.entries(map)) {
      if (!events.includes(type)) problems.add(`${path}.field.${type}`, 'FEATURE_FIELD_INVALID', `${type} is not one of this feature's events`);
      if (typeof p === 'string') paths.push(p);
    }
  } else {
    problems.add(`${path}.field`, 'FEATURE_FIELD_INVALID', 'field is a path string or an object of event type -> path');
    return;
  }
  for (const p of paths) {
    if (!isValidPath(p)) problems.add(`${path}.field`, 'FEATURE_FIELD_INVALID', `"${p}" is not a path like "applicant.monthlyIncome" or "contacts[].phone"`);
    else if (pathFansOut(p) && (agg !== 'distinct_count' || windowKind === 'rows')) {
      problems.add(`${path}.field`, 'FEATURE_FIELD_INVALID', `"${p}" yields several values: only distinct_count over a time window can read it`);
    }
  }
}

function checkCel(source: unknown, expect: string, path: string, problems: ProblemList): void {
  if (typeof source !== 'string') {
    problems.add(path, 'FEATURE_EXPRESSION_INVALID', 'a CEL expression is a string');
    return;
  }
  const check = checkExpression(source, EXPRESSION_DECLARATIONS, { expect });
  for (const p of check.problems) problems.add(path, 'FEATURE_EXPRESSION_INVALID', `${p.code}: ${p.message}`);
}

function referencesOf(f: FeatureSpec): readonly string[] {
  if (f.aggregation === 'ratio') return Array.isArray(f.of) ? f.of : [];
  if (f.transform !== undefined) return Array.isArray(f.inputs) ? f.inputs : [];
  return [];
}

function checkReferences(f: FeatureSpec, path: string, byName: ReadonlyMap<string, FeatureSpec>, problems: ProblemList): void {
  for (const ref of referencesOf(f)) {
    const target = byName.get(ref);
    if (!target) {
      problems.add(path, 'FEATURE_REFERENCE_UNKNOWN', `"${ref}" is not a feature of this set`);
    } else if (f.transform === 'trend') {
      const w = typeof target.window === 'string' ? parseWindow(target.window) : undefined;
      if (!w || typeof w === 'string' || w.kind !== 'time') {
        problems.add(path, 'FEATURE_INPUTS_INVALID', `trend inputs are time-windowed features; "${ref}" is not`);
      }
    }
  }
}

function checkCycles(byName: ReadonlyMap<string, FeatureSpec>, features: readonly FeatureSpec[], problems: ProblemList): void {
  const state = new Map<string, 1 | 2>();
  const visit = (name: string, trail: string[]): boolean => {
    const s = state.get(name);
    if (s === 2) return false;
    if (s === 1) {
      problems.add(`features.${name}`, 'FEATURE_DEPENDENCY_CYCLE', `features depend on each other in a cycle: ${[...trail, name].join(' -> ')}`);
      return true;
    }
    state.set(name, 1);
    const f = byName.get(name);
    let cyclic = false;
    if (f) for (const ref of referencesOf(f)) if (byName.has(ref) && visit(ref, [...trail, name])) { cyclic = true; break; }
    state.set(name, 2);
    return cyclic;
  };
  for (const f of features) if (f && typeof f.name === 'string' && byName.get(f.name) === f) visit(f.name, []);
}
