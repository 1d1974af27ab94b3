// Champion / challenger: which flow version an applicant gets, from a stable hash of the applicant key and the
// release's salt. The same applicant always lands in the same bucket (of 10,000) for a slot, so challengers see a
// consistent population and percentages hold to within sampling error.
import { FNV_OFFSET, fmix32, fnv1a, RiskError } from '../core/index.js';
import type { FlowRef, Release } from './store/decision-stores.js';

export const BUCKETS = 10_000;
const BUCKETS_PER_PERCENT = BUCKETS / 100;
/** Percent of traffic one bucket holds: the finest share a challenger can be given. */
export const PERCENT_STEP = 100 / BUCKETS;

export type Variant = 'champion' | 'challenger' | 'shadow' | 'latest' | 'pinned';

export interface Assignment {
  readonly flow: FlowRef;
  readonly variant: Variant;
  readonly bucket: number;
}

/**
 * FNV-1a 32-bit over the UTF-16 code units of `${salt}|${key}`, then a murmur finaliser so nearby keys spread evenly.
 * The three parts are hashed in turn rather than joined: the same value without a ~40-character string a decision.
 */
export function bucketOf(salt: string, key: string): number {
  return fmix32(fnv1a(fnv1a(fnv1a(FNV_OFFSET, salt), '|'), key)) % BUCKETS;
}

/** Challengers take consecutive bucket ranges from 0 (percent x 100 buckets each, checkSplit); the rest is the champion's. */
export function assign(release: Release, applicantKey: string): Assignment {
  const bucket = bucketOf(release.salt ?? release.slot, applicantKey);
  let upper = 0;
  for (const c of release.challengers) {
    upper += Math.round(c.percent * BUCKETS_PER_PERCENT);
    if (bucket < upper) return { flow: c.flow, variant: 'challenger', bucket };
  }
  return { flow: release.champion, variant: 'champion', bucket };
}

/**
 * Checks a release's percentages: each in (0, 100], a whole number of buckets (a multiple of 0.01), together at most
 * 100. A finer percent would be rounded to a bucket count by assign — 0.001 to none at all, a challenger that never
 * runs — so it is refused rather than silently changed.
 */
export function checkSplit(challengers: Release['challengers']): void {
  let total = 0;
  for (const c of challengers) {
    if (typeof c.percent !== 'number' || !(c.percent > 0) || c.percent > 100) {
      throw new RiskError('DECISION_RELEASE_INVALID', 'a challenger percent is a number in (0, 100]', { percent: c.percent });
    }
    const buckets = c.percent * BUCKETS_PER_PERCENT;
    // A tolerance for binary fractions: 0.07 x 100 is 7.000000000000001.
    if (Math.abs(buckets - Math.round(buckets)) > 1e-6) {
      throw new RiskError('DECISION_RELEASE_INVALID', `a challenger percent is a multiple of ${PERCENT_STEP} (one bucket of ${BUCKETS})`, { percent: c.percent });
    }
    // Summed in buckets, so 33.33 + 33.33 + 33.34 is exactly 100.
    total += Math.round(buckets);
  }
  if (total > BUCKETS) {
    throw new RiskError('DECISION_RELEASE_INVALID', `challengers take ${total / BUCKETS_PER_PERCENT}% of traffic; at most 100`, { total: total / BUCKETS_PER_PERCENT });
  }
}
