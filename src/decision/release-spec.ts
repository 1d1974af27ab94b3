// The shape of a release request before any flow it names is looked up: it arrives as any JSON (POST
// /v1/flows/:slot/releases), and `{"shadows": "x"}` used to crash (500) while `{"champion": "x"}` looked for a flow
// named undefined (404). Every shape problem is collected into one DECISION_RELEASE_INVALID (400).
import { RiskError } from '../core/index.js';
import type { ReleaseSpec } from './flow-catalog.js';
import { show } from './flow-problem.js';
import { isRecord, isWholeNumber } from './json-shape.js';

export function checkReleaseSpec(spec: unknown): asserts spec is ReleaseSpec {
  const problems: { path: string; message: string }[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const flowRef = (path: string, ref: unknown) => {
    if (isWholeNumber(ref, 1)) return;
    if (isRecord(ref) && typeof ref.id === 'string' && ref.id !== '' && isWholeNumber(ref.version, 1)) return;
    problem(path, `a flow version is a positive integer (of the slot's flow) or {id, version}, not "${show(ref)}"`);
  };
  if (!isRecord(spec)) {
    problem('', 'a release is an object naming a champion version (and optional challengers and shadows)');
  } else {
    if (spec.champion === undefined) problem('champion', 'a release names a champion version');
    else flowRef('champion', spec.champion);
    if (spec.challengers !== undefined && !Array.isArray(spec.challengers)) problem('challengers', 'must be a list of {flow, percent}');
    (Array.isArray(spec.challengers) ? spec.challengers : []).forEach((c: unknown, i) => {
      if (isRecord(c)) flowRef(`challengers[${i}].flow`, c.flow);
      else problem(`challengers[${i}]`, 'a challenger is {flow, percent}');
    });
    if (spec.shadows !== undefined && !Array.isArray(spec.shadows)) problem('shadows', 'must be a list of flow versions');
    (Array.isArray(spec.shadows) ? spec.shadows : []).forEach((s: unknown, i) => flowRef(`shadows[${i}]`, s));
    for (const field of ['salt', 'note'] as const) {
      if (spec[field] !== undefined && typeof spec[field] !== 'string') problem(field, 'must be a string');
    }
  }
  if (problems.length > 0) {
    const first = problems[0];
    throw new RiskError('DECISION_RELEASE_INVALID', `${first.path ? `${first.path}: ` : ''}${first.message}`, { problems });
  }
}
