import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pearson } from '../stats/index.js';
import { generateWorld } from '../simulate/index.js';
import type { StoredEvent } from '../store/index.js';
import { generateVariables } from './variable-factory.js';
import { computeFactoryMatrix } from './factory-matrix.js';
import { screenVariables } from './variable-screen.js';
import { selectFromReport } from './screen-report.js';
import { backfillFeatures } from './point-in-time-backfill.js';
import { compileFeaturePlan } from './feature-plan.js';
import type { FactorySpec } from './factory-spec.js';

const demoFactory = JSON.parse(readFileSync(new URL('./demo/demo-factory.json', import.meta.url), 'utf8')) as FactorySpec;

test('the demo factory spec generates over 100,000 uniquely named, valid variable definitions with lineage', () => {
  const defs = [...generateVariables(demoFactory)];
  assert.ok(defs.length >= 100_000, `${defs.length} definitions`);
  assert.equal(new Set(defs.map((d) => d.feature.name)).size, defs.length);
  const byName = new Map(defs.map((d) => [d.feature.name, d]));
  const ratio = byName.get('device.applications.count.1h_over_7d')!;
  assert.deepEqual(ratio.lineage.inputs, ['device.applications.count.1h', 'device.applications.count.7d']);
  assert.equal(ratio.lineage.kind, 'window_ratio');
  for (const d of defs) for (const input of d.lineage.inputs) assert.ok(byName.has(input), `${d.feature.name} -> ${input}`);
  // Any sample of them compiles as a feature set (bases included).
  compileFeaturePlan({ name: 'sample', features: defs.filter((_, i) => i % 97 === 0).flatMap((d) => [d.feature, ...d.lineage.inputs.map((n) => byName.get(n)!.feature)]).filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i) });
});

test('factory columns, screening and selection: the selected spec recomputes the same values in the engine', () => {
  const factory: FactorySpec = {
    name: 'small',
    entities: ['applicant', 'device', 'phone', 'ip24'],
    windows: ['1d', '7d', '30d', '90d'],
    bases: [
      { name: 'applications', events: ['application.submitted'], aggregations: ['count'] },
      { name: 'requested_amount', events: ['application.submitted'], field: 'requestedAmount', aggregations: ['mean', 'max'] },
      { name: 'repaid', events: ['repayment.made'], field: 'amount', aggregations: ['sum'] },
      { name: 'id_numbers', events: ['application.submitted'], field: 'applicant.idNumber', aggregations: ['distinct_count'], entities: ['device', 'phone'] },
    ],
    transforms: { windowRatios: true, windowTrends: true, entityRatios: true, flags: [0, 1], missingFlags: true, logs: true },
  };
  const events: StoredEvent[] = [];
  for (const item of generateWorld({ applicants: 600, seed: 21, months: 12 })) {
    if (item.kind === 'event') events.push({ offset: events.length + 1, tenant: 't', time: Date.parse(item.event.time), event: item.event });
  }
  const defs = [...generateVariables(factory)];
  const chosen = defs.filter((d) => d.lineage.kind !== 'base').map((d) => d.feature.name);
  const matrix = computeFactoryMatrix({ definitions: defs, chosen, events });
  assert.ok(matrix.rows > 600);
  const report = screenVariables(matrix, chosen, { horizonMonths: 3, keep: 15, maxCorrelation: 0.8 });
  assert.equal(report.variables.length, chosen.length);
  assert.ok(report.bads > 10);
  const kept = report.variables.filter((v) => v.kept);
  assert.ok(kept.length > 3);
  for (let i = 1; i < report.variables.length; i++) {
    const [a, b] = [report.variables[i - 1].iv, report.variables[i].iv];
    if (Number.isFinite(b)) assert.ok(a >= b, 'ranked by IV');
  }
  for (const a of kept) for (const b of kept) {
    // NaN (too few shared values, or a constant) cannot show a correlation; pruning treats it as none.
    if (a !== b) assert.ok(!(Math.abs(pearson(matrix.column(a.name), matrix.column(b.name))) > 0.8 + 1e-6), `${a.name} ~ ${b.name}`);
  }
  for (const dropped of report.variables.filter((v) => v.correlatedWith)) assert.ok(dropped.correlation! > 0.8);

  const spec = selectFromReport({ ...report, factory }, 5, 'selected');
  const top = kept.slice(0, 5).map((v) => v.name);
  for (const n of top) assert.ok(spec.features.some((f) => f.name === n));
  const names = spec.features.map((f) => f.name);
  let row = 0;
  backfillFeatures({
    set: spec,
    events,
    onRow: (r) => {
      for (const n of top) {
        const online = r.values[names.indexOf(n)];
        const offline = matrix.column(n)[row];
        if (online === null) assert.ok(Number.isNaN(offline), `${n} row ${row}`);
        else assert.ok(Math.abs(online - offline) <= 1e-5 * Math.max(1, Math.abs(online)), `${n} row ${row}: ${online} vs ${offline}`);
      }
      row++;
    },
  });
  assert.equal(row, matrix.rows);
});
