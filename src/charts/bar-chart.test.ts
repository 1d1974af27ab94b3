import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, stackedBars } from './index.js';

/** The bars' widths in drawing order (the legend's swatches are 12 wide and 10 high; bars are 12 high). */
function barWidths(svg: string): number[] {
  return [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="12"/g)].map((m) => Number(m[1]));
}

test('grouped bars: lengths proportional to the values, n/a for a missing one, notes after the values', () => {
  const svg = barChart({
    title: 'Bad rate',
    xLabel: 'share',
    series: ['flow@1', 'flow@2'],
    groups: [
      { label: 'approved', values: [0.1, 0.2], notes: ['of 50', 'of 40'] },
      { label: 'rejected', values: [0.4, null], notes: ['of 10', 'of 0'] },
    ],
    xMax: 0.5,
  });
  const widths = barWidths(svg);
  assert.equal(widths.length, 3, 'three bars: the missing value draws none');
  assert.ok(Math.abs(widths[1] / widths[0] - 2) < 0.02 && Math.abs(widths[2] / widths[0] - 4) < 0.02, widths.join());
  assert.match(svg, />n\/a of 0</);
  assert.match(svg, />0\.2 of 40</);
  assert.equal((svg.match(/<svg /g) ?? []).length, 1);
});

test('stacked bars: each row split in proportion to its shares; labels and titles are escaped', () => {
  const svg = stackedBars({
    title: 'Outcome <mix>',
    segments: ['approve', 'review', 'reject', 'error'],
    rows: [{ label: 'a&b@1', values: [0.5, 0.25, 0.25, 0] }],
  });
  const segments = [...svg.matchAll(/<rect x="[\d.]+" y="52" width="([\d.]+)" height="24"/g)].map((m) => Number(m[1]));
  assert.equal(segments.length, 3, 'no segment for a zero share');
  assert.ok(Math.abs(segments[0] - 2 * segments[1]) < 0.2 && Math.abs(segments[1] - segments[2]) < 0.2, segments.join());
  assert.ok(svg.includes('Outcome &lt;mix&gt;') && svg.includes('a&amp;b@1') && !svg.includes('<mix>'));
  assert.match(svg, />50\.0%</);
});
