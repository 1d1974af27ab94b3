import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binVariable } from './variable-binning.js';

const options = { method: 'monotonic' as const, maxBins: 6, minCount: 20, chiThreshold: 3.841, fineBins: 20 };

test('a numeric variable gets ascending open-ended bins, readable labels and a separate missing bin', () => {
  // 200 rows: value i; events are most rows above 100 plus a few below; 10 missing values that are all events
  const n = 210;
  const values = Float64Array.from({ length: n }, (_, i) => (i < 200 ? i : NaN));
  const label = Uint8Array.from({ length: n }, (_, i) => (i >= 200 || (i >= 100 ? i % 4 !== 0 : i % 10 === 0) ? 1 : 0));
  const b = binVariable({ kind: 'numeric', name: 'v', values }, label, options);
  const present = b.bins.filter((x) => !x.missing);
  assert.equal(present[present.length - 1].upper, null);
  assert.match(present[0].label, /^<= /);
  assert.match(present[present.length - 1].label, /^> /);
  // the event rate rises with the value: WoE (safer = higher) must fall bin by bin
  for (let k = 1; k < present.length; k++) assert.ok(present[k].woe < present[k - 1].woe);
  const missing = b.bins.find((x) => x.missing)!;
  assert.equal(missing.events + missing.nonEvents, 10);
  assert.equal(b.binOfRow[205], b.bins.indexOf(missing));
  assert.ok(b.iv > 0.5);
});

test('categorical levels are ordered by event rate and small levels are merged', () => {
  const levels = ['own', 'rent', 'free', 'rare'];
  const codes: number[] = [];
  const label: number[] = [];
  const add = (code: number, events: number, rows: number) => {
    for (let i = 0; i < rows; i++) {
      codes.push(code);
      label.push(i < events ? 1 : 0);
    }
  };
  add(0, 10, 100);
  add(1, 40, 100);
  add(2, 12, 100);
  add(3, 3, 5);
  const b = binVariable({ kind: 'categorical', name: 'housing', values: Float64Array.from(codes), levels }, Uint8Array.from(label), options);
  const all = b.bins.flatMap((x) => x.levels ?? []);
  assert.deepEqual([...all].sort(), [...levels].sort());
  assert.ok(b.bins.every((x) => x.events + x.nonEvents >= 20));
  assert.ok(b.bins.find((x) => x.levels?.includes('rent'))!.woe < 0);
});
