import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, Random } from '../core/index.js';
import { DEMO_SLOT, installDemoDecisions } from '../decision/index.js';
import { generateWorld } from '../simulate/index.js';
import { loadConfig, openArgus } from './index.js';

const T = 'default';
const BATCH_VALUE = 'graph_community_bad_rate';

test('a backtest reads the graph batch features each live decision read: the log records where the graph was recomputed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-backtest-'));
  const clock = new FixedClock('2025-01-01T00:00:00Z');
  const app = await openArgus({ ...loadConfig({ data: dir }), piiSecret: 'graph-backtest-secret-0123456789' }, { clock, random: new Random(5) });
  try {
    const { release } = installDemoDecisions(app.decision.catalog, app.decision.models, T, clock.now());
    const live = new Map<string, { outcome: string; reasons: string; decisionId: string }>();
    let others: unknown[] = [];
    const flush = async () => {
      if (others.length > 0) await app.services.ingestor.ingestRecords(T, others);
      others = [];
    };
    let applications = 0;
    for (const item of generateWorld({ applicants: 300, seed: 11, months: 6 })) {
      if (item.kind !== 'event') continue;
      const event = item.event;
      clock.set(event.time);
      if (event.type !== 'application.submitted') {
        others.push(event);
        continue;
      }
      await flush();
      // As a scheduled recompute would, every so often.
      if (++applications % 60 === 0) app.services.graph!.recompute(T);
      const r = await app.decision.decisions.decide(T, DEMO_SLOT, structuredClone(event));
      live.set(r.applicationId, { outcome: r.outcome, reasons: r.reasons.map((x) => x.code).join(), decisionId: r.decisionId });
    }
    await flush();
    app.decision.audit.flush();

    const backtestValue = new Map<string, unknown>();
    const { decisions } = await app.decision.backtest(app.services.eventLog, {
      tenant: T, flows: [release.champion], onApplication: (a) => backtestValue.set(a.applicationId, a.variables[BATCH_VALUE]),
    });
    assert.equal(decisions.length, live.size);
    let batchValues = 0;
    for (const d of decisions) {
      const was = live.get(d.applicationId)!;
      const record = app.decision.audit.get(T, was.decisionId)!;
      const liveValue = record.inputs.graph['graph.community_bad_rate'] ?? null;
      assert.equal(backtestValue.get(d.applicationId) ?? null, liveValue, d.applicationId);
      if (liveValue !== null) batchValues++;
      assert.equal(`${d.outcomes[0]} ${d.reasons[0].join()}`, `${was.outcome} ${was.reasons}`, d.applicationId);
    }
    // Most decisions came after a recompute, so most read a batch value: the comparison above is not of nulls.
    assert.ok(batchValues > decisions.length / 2, `${batchValues} of ${decisions.length} decisions read a batch value`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
