// Test support: compiles flow documents against in-memory models, sub-flows and lists, and runs them on an
// application with given feature / graph values. Used by the data-driven cases in test/cases/decision and by tests.
import { FixedClock, RiskError } from '../../core/index.js';
import { defaultExpressionEngine } from '../../expression/index.js';
import { loadModel, type ScoringModel } from '../../model/index.js';
import { compileFlow, type CompiledFlow } from '../compiled-flow.js';
import type { FlowProblem } from '../flow-problem.js';
import { runFlow, type RunOutcome } from '../flow-runner.js';
import type { FlowDocument, ListEntityType, ListName } from '../flow-types.js';
import type { InputValues, ListHit, ListReader, ModelProvider } from '../readers.js';
import { demoPdCurveModel, demoPdModel } from '../demo/demo-models.js';

export const TEST_TENANT = 't1';

/** Models known to the harness: name@1. */
export function testModels(extra: Record<string, object> = {}): ModelProvider {
  const models = new Map<string, ScoringModel>();
  for (const [name, artifact] of Object.entries({ pd: demoPdModel(), pd_curve: demoPdCurveModel(), ...extra })) models.set(name, loadModel(artifact));
  return { get: (_tenant, name, version) => (version === 1 ? models.get(name) : undefined) };
}

export interface HarnessOptions {
  /** Other flows by id, each saved as version 1. */
  readonly subflows?: readonly FlowDocument[];
  readonly models?: ModelProvider;
}

export function checkFlow(doc: FlowDocument, options: HarnessOptions = {}): { flow?: CompiledFlow; problems: readonly FlowProblem[] } {
  const flows = new Map((options.subflows ?? []).map((f) => [f.id, f]));
  return compileFlow(doc, 1, {
    tenant: TEST_TENANT,
    engine: defaultExpressionEngine(),
    models: options.models ?? testModels(),
    resolveFlow: (id, version) => (version === 1 ? flows.get(id) : undefined),
  });
}

export function mustCompile(doc: FlowDocument, options: HarnessOptions = {}): CompiledFlow {
  const { flow, problems } = checkFlow(doc, options);
  if (!flow) throw new RiskError('FLOW_INVALID', `test flow invalid: ${problems.map((p) => `${p.code} ${p.node ?? ''} ${p.message}`).join('; ')}`, { problems });
  return flow;
}

export interface TestListEntry {
  readonly list: ListName;
  readonly entityType: ListEntityType;
  readonly value: string;
  readonly reason?: string;
  readonly expiresAt?: number;
}

export function memoryLists(entries: readonly TestListEntry[] = []): ListReader {
  return {
    lookup(_tenant, entityType, value, time): ListHit[] {
      return entries
        .filter((e) => e.entityType === entityType && e.value === value && (e.expiresAt === undefined || e.expiresAt > time))
        .map((e) => ({ list: e.list, reason: e.reason ?? 'test', source: 'test' }));
    },
  };
}

export interface RunInput {
  readonly data?: Record<string, unknown>;
  readonly features?: InputValues;
  readonly graph?: InputValues;
  readonly lists?: readonly TestListEntry[];
  readonly time?: number;
  readonly trace?: boolean;
}

/** A hashed-looking application (what the engine sees after ingest), deep-merged with overrides. */
export function testApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = {
    applicationId: 'app-1',
    applicant: { idNumber: 'h:person1', phone: 'h:phone1', name: 'h:name1', birthYear: 1990, monthlyIncome: 8000 },
    device: { fingerprint: 'h:device1', ip: 'h:ip1', ip24: 'h:net1', os: 'android' },
    bankCard: 'h:card1',
    homeAddress: 'h:home1',
    contacts: [{ phone: 'h:contact1', name: 'h:cname1', relation: 'parent' }],
    emergencyContacts: [{ phone: 'h:contact2', name: 'h:cname2', relation: 'friend' }],
    requestedAmount: 5000,
    termMonths: 6,
    channel: 'app',
  };
  return deepMerge(base, overrides);
}

export function runTestFlow(flow: CompiledFlow, input: RunInput = {}): RunOutcome {
  const clock = new FixedClock(input.time ?? Date.UTC(2025, 0, 1));
  return runFlow(flow, {
    tenant: TEST_TENANT,
    data: testApplication(input.data),
    features: input.features ?? {},
    graph: input.graph ?? {},
    lists: memoryLists(input.lists),
    time: clock.now(),
    clock,
    trace: input.trace,
  });
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
      ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}
