import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedClock, Random } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { generateWorld } from '../simulate/index.js';
import { FeatureEngine, loadDemoFeatureSet } from '../features/index.js';
import { DEMO_SLOT, installDemoDecisions, runBacktest } from '../decision/index.js';
import { openDecisionEngine } from './decision-wiring.js';

const T = 'sim';

test('a backtest over a simulated world reproduces the live decisions of the same version, and every one replays', async () => {
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  const log = new SqliteEventLog(':memory:');
  const hasher = new KeyedHasher('backtest-secret-0123456789');
  const ingestor = new Ingestor(log, hasher);
  const sets = [loadDemoFeatureSet()];
  const live = new FeatureEngine({ clock, sets });
  ingestor.subscribe((tenant, appended) => live.applyAppended(tenant, appended));
  const engine = openDecisionEngine({ dataDir: ':memory:', clock, random: new Random(3), hasher, ingestor, features: live });
  const { release } = installDemoDecisions(engine.catalog, engine.models, T, clock.now());

  const liveOutcomes = new Map<string, string>();
  const decisionIds: string[] = [];
  let others: unknown[] = [];
  const flushOthers = async () => {
    if (others.length > 0) await ingestor.ingestRecords(T, others);
    others = [];
  };
  for (const item of generateWorld({ applicants: 150, seed: 11, months: 6 })) {
    if (item.kind !== 'event') continue;
    const event = item.event;
    clock.set(event.time);
    if (event.type === 'application.submitted') {
      await flushOthers();
      const r = await engine.decisions.decide(T, DEMO_SLOT, structuredClone(event));
      liveOutcomes.set(r.applicationId, r.outcome);
      decisionIds.push(r.decisionId);
    } else {
      others.push(event);
      if (others.length >= 500) await flushOthers();
    }
  }
  await flushOthers();
  assert.ok(liveOutcomes.size >= 150, `${liveOutcomes.size} applications`);
  const outcomes = new Set(liveOutcomes.values());
  assert.ok(outcomes.has('approve') && (outcomes.has('reject') || outcomes.has('review')), [...outcomes].join());

  const fresh = new FeatureEngine({ clock, sets });
  const champion = engine.catalog.compiledFlow(T, release.champion);
  const challenger = engine.catalog.compiledFlow(T, release.shadows[0]);
  const pd = new Map<string, unknown>();
  const { report, decisions } = await runBacktest({
    tenant: T, log, flows: [champion, challenger],
    inputs: { apply: (stored) => fresh.applyStored(stored), features: fresh },
    onApplication: (a) => pd.set(a.applicationId, a.variables.pd_12m),
  });
  assert.equal(decisions.length, liveOutcomes.size);
  for (const d of decisions) assert.equal(d.outcomes[0], liveOutcomes.get(d.applicationId), d.applicationId);
  const column = report.columns[0];
  assert.equal(column.decisions, liveOutcomes.size);
  assert.ok(Math.abs(column.approvalRate + column.reviewRate + column.rejectRate + column.errorRate - 1) < 1e-12);
  assert.ok(column.approved.known > 0, 'some approved applicants have a known outcome');
  // Every application exports the champion's variables (how a training set for its model is made).
  assert.equal(pd.size, decisions.length);
  assert.ok([...pd.values()].every((p) => typeof p === 'number' && p > 0 && p < 1), 'the PD the model node set');

  engine.audit.flush();
  for (const id of decisionIds) assert.equal(engine.replay(T, id).identical, true, id);
  await engine.close();
});

