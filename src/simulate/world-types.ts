// The public shapes of the synthetic lending world: its options, the items it streams and the ground truth it keeps
// per applicant. The truth is what the outside world knows and a lender never sees; tests of other engines grade
// themselves against it.

import type { ArgusEvent } from '../ingest/index.js';

export interface WorldOptions {
  readonly applicants: number;
  readonly seed: number | string;
  /** ISO time the world starts; default '2025-01-01T00:00:00.000Z'. */
  readonly start?: string;
  /** Length of the world in months; default 18. Applications arrive over the first two thirds. */
  readonly months?: number;
}

export interface SimulationProgress {
  readonly applicantsDone: number;
  readonly applicantsTotal: number;
  readonly events: number;
}

export interface SimulationSummary {
  readonly applicants: number;
  readonly events: number;
  readonly eventsByType: Record<string, number>;
  readonly loans: number;
  readonly defaults: number;
  readonly rings: number;
  readonly fraudsters: number;
  readonly thinFile: number;
  readonly seconds: number;
  readonly files: { readonly events: string; readonly truth: string };
}

export type Segment = 'normal' | 'thin_file' | 'first_party_fraud' | 'ring_member';

/** How a loan ended, as far as the world knows by its end. `defaulted` is the latent fact (decided at month m). */
export type LoanStatus = 'defaulted' | 'paid_off' | 'prepaid' | 'censored';

export interface LoanTruth {
  readonly loanId: string;
  readonly applicationId: string;
  readonly bookedAt: string;
  readonly amount: number;
  readonly termMonths: number;
  /** A second or later loan of the same applicant. */
  readonly repeat: boolean;
  /** The monthly default hazard used for month on book 1..termMonths (1 from month 1 for fraud). */
  readonly monthlyHazard: readonly number[];
  readonly lateProbability: number;
  readonly prepayProbability: number;
  status: LoanStatus;
  /** Month on book (instalment seq) missed for good; null if it did not default within the world. */
  defaultMonth: number | null;
  /** Instalment after which the loan was prepaid in full; null if not prepaid. */
  prepaidAfterMonth: number | null;
  /** Months whose default draw happened inside the world: the loan was at risk in months 1..monthsObserved. */
  monthsObserved: number;
  /** Instalments paid 1-89 days late and then cured. */
  latePayments: number;
  /** Worst days past due seen inside the world. */
  maxDaysPastDue: number;
  /** The charge-off (loan.closed charged_off) happened inside the world. */
  chargedOff: boolean;
  closedAt: string | null;
}

export type ContactRule = 'night_call' | 'threat' | 'third_party_disclosure';

export interface CallTruth {
  readonly callId: string;
  readonly loanId: string;
  readonly agentId: string;
  readonly rulesBroken: readonly ContactRule[];
}

export type LinkVia = 'contact' | 'address' | 'employer' | 'device';

/** The first loan's fate, with its month on book: what a survival model of the first loan is graded against. */
export type ApplicantOutcome =
  | { readonly status: 'not_booked' }
  /** month: the month on book whose instalment was missed for good. */
  | { readonly status: 'defaulted'; readonly month: number }
  /** month: the last instalment (= term). */
  | { readonly status: 'paid_off'; readonly month: number }
  /** month: the instalment after which the rest was repaid early. */
  | { readonly status: 'prepaid'; readonly month: number }
  /** Still running at the world's end, at risk in months 1..monthsObserved. */
  | { readonly status: 'censored'; readonly monthsObserved: number };

export interface ApplicantTruth {
  readonly idNumber: string;
  readonly phone: string;
  readonly name: string;
  /** 0-based arrival order; ring members are consecutive. */
  readonly index: number;
  readonly segment: Segment;
  /** Latent creditworthiness (higher is better); standard normal for normal applicants. */
  readonly latent: number;
  /** Monthly hazard of the first application's term (whether or not it was booked). */
  readonly monthlyHazard: readonly number[];
  readonly ringId: string | null;
  readonly ringSize: number | null;
  /** The earlier applicant this one is a relative of (thin-file always, some normal applicants), or null. */
  readonly relative: { readonly idNumber: string; readonly latent: number; readonly via: readonly LinkVia[] } | null;
  readonly firstSeenAt: string;
  applicationIds: string[];
  appliedAt: string[];
  booked: boolean;
  /** Outcome of the first loan (set when the truth is reported). */
  outcome: ApplicantOutcome;
  loans: LoanTruth[];
  /** Collection calls made to or about this applicant inside the world. */
  callCount: number;
  /** The calls that broke at least one contact rule (every call not listed broke none). */
  ruleBreakingCalls: CallTruth[];
  /** Lists the world put this applicant's identifiers on (list.changed events). */
  listed: ('black' | 'grey')[];
}

export type WorldItem =
  | { readonly kind: 'event'; readonly event: ArgusEvent }
  | { readonly kind: 'truth'; readonly truth: ApplicantTruth };
