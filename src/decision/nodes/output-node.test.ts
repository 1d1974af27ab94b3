import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../core/index.js';
import type { Reason } from '../decision-result.js';
import { topReasons } from './output-node.js';

/** The definition, written the plain way: sort copies by (tier, weight, raised order), keep the first of each code. */
function reference(reasons: readonly Reason[], max: number): Reason[] {
  const indexed = reasons.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => b.r.tier - a.r.tier || b.r.weight - a.r.weight || a.i - b.i);
  const out: Reason[] = [];
  const seen = new Set<string>();
  for (const { r } of indexed) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    out.push(r);
    if (out.length >= max) break;
  }
  return out;
}

test('top reasons: tier, then weight, then raised order, one per code, as many as asked (and the first even when 0 are)', () => {
  const r = new Random(3);
  for (let round = 0; round < 3000; round++) {
    const reasons: Reason[] = Array.from({ length: Math.floor(r.next() * 30) }, (_, i) => ({
      code: `C${Math.floor(r.next() * 8)}`,
      node: 'n',
      item: `i${i}`,
      tier: 1 + Math.floor(r.next() * 3),
      // Ties, infinities and NaN (which compares as a tie) too: the order must still be the definition's.
      weight: r.pick([0, 0, 5, 10, 10, 2.5, Infinity, -Infinity, Number.NaN, r.next() * 40]),
    }));
    const max = Math.floor(r.next() * 7);
    const got = topReasons(reasons, max);
    assert.deepEqual(got, reference(reasons, max));
    for (const reason of got) assert.ok(reasons.includes(reason), 'the reasons themselves, not copies');
  }
});
