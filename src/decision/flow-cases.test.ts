// Runs every data-driven case under test/cases/decision (see the README there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowDocument } from './flow-types.js';
import { checkFlow, mustCompile, runTestFlow, type RunInput } from './testing/flow-harness.js';

const DIR = join(import.meta.dirname, '..', '..', 'test', 'cases', 'decision');

interface CaseFile {
  readonly description: string;
  readonly flow?: FlowDocument;
  readonly subflows?: FlowDocument[];
  readonly cases?: (RunInput & { name: string; expect: Record<string, unknown> })[];
  readonly invalid?: { name: string; flow: FlowDocument; problems: string[] }[];
}

function close(actual: unknown, expected: unknown, what: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
  } else {
    assert.deepEqual(actual, expected, what);
  }
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const spec = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile;
  const options = { subflows: spec.subflows };
  for (const c of spec.cases ?? []) {
    test(`${file}: ${c.name}`, () => {
      const { result } = runTestFlow(mustCompile(spec.flow!, options), c);
      const e = c.expect;
      if ('outcome' in e) assert.equal(result.outcome, e.outcome, `outcome (error: ${JSON.stringify(result.error)})`);
      if ('error' in e) assert.equal(result.error?.code, e.error);
      if ('reasons' in e) assert.deepEqual(result.reasons.map((r) => r.code), e.reasons);
      if ('tags' in e) assert.deepEqual(result.tags, e.tags);
      if ('missing' in e) assert.deepEqual(result.missing.map((m) => m.variable), e.missing);
      for (const field of ['creditLimit', 'price', 'term'] as const) if (field in e) close(result[field], e[field], field);
      for (const [name, value] of Object.entries((e.variables ?? {}) as Record<string, unknown>)) close(result.variables[name], value, name);
    });
  }
  for (const c of spec.invalid ?? []) {
    test(`${file}: invalid: ${c.name}`, () => {
      const { flow, problems } = checkFlow(c.flow, options);
      assert.equal(flow, undefined);
      // Each expected problem is CODE@node, or CODE for a problem of the whole flow.
      const actual = problems.map((p) => (p.node === undefined ? p.code : `${p.code}@${p.node}`));
      assert.deepEqual(actual.sort(), [...c.problems].sort(), JSON.stringify(problems, null, 1));
    });
  }
}
