// Champion / challenger: which flow version an applicant gets, from a stable hash of the applicant key and the
// release's salt. The same applicant always lands in the same bucket (of 10,000) for a slot, so challengers see a
// consistent population and percentages hold to within sampling error.
import { RiskError } from '../core/index.js';
import type { FlowRef, Release } from './store/decision-stores.js';

export const BUCKETS = 10_000;

export type Variant = 'champion' | 'challenger' | 'shadow' | 'latest' | 'pinned';

export interface Assignment {
  readonly flow: FlowRef;
  readonly variant: Variant;
  readonly bucket: number;
}

/** FNV-1a 32-bit over the UTF-16 code units, then a murmur finaliser so nearby keys spread evenly. */
export function bucketOf(salt: string, key: string): number {
  let h = 0x811c9dc5;
  const text = `${salt}|${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}

/** Challengers take consecutive bucket ranges from 0 (percent x 100 buckets each); the rest is the champion's. */
export function assign(release: Release, applicantKey: string): Assignment {
  const bucket = bucketOf(release.salt ?? release.slot, applicantKey);
  let upper = 0;
  for (const c of release.challengers) {
    upper += Math.round(c.percent * 100);
    if (bucket < upper) return { flow: c.flow, variant: 'challenger', bucket };
  }
  return { flow: release.champion, variant: 'champion', bucket };
}

/** Checks a release's percentages: each in (0, 100], together at most 100. */
export function checkSplit(challengers: Release['challengers']): void {
  let total = 0;
  for (const c of challengers) {
    if (typeof c.percent !== 'number' || !(c.percent > 0) || c.percent > 100) {
      throw new RiskError('DECISION_RELEASE_INVALID', 'a challenger percent is a number in (0, 100]', { percent: c.percent });
    }
    total += c.percent;
  }
  if (total > 100) throw new RiskError('DECISION_RELEASE_INVALID', `challengers take ${total}% of traffic; at most 100`, { total });
}
