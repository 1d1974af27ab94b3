// One applicant's life in the world: first seen on a device, logins, the application, the lender's booking decision,
// the loan (loan-life.ts), blacklisting after a fraud charge-off, and perhaps a repeat application after paying
// off. Reports the applicant's ground truth when nothing is left to happen or the world ends.

import { DAY_MS, MINUTE_MS, type Random } from '../core/index.js';
import { applicationData, createProfile, drawContacts, type ApplicantProfile, type ContactEntry } from './applicant-profile.js';
import type { FraudRing } from './fraud-ring.js';
import { flat } from './identifier-formats.js';
import type { Population } from './population.js';
import { annualRateFor } from './loan-schedule.js';
import { LoanLife, type LoanOwner } from './loan-life.js';
import { SIMULATOR_MODEL, hazardCurve, lateProbability, prepayProbability } from './simulator-model.js';
import { Actor, type WorldContext } from './world-actor.js';
import type { ApplicantOutcome, ApplicantTruth, CallTruth, ContactRule, LoanTruth, Segment } from './world-types.js';
import { isoTime } from './iso-time.js';

/**
 * The truth is kept as plain fields (times as numbers, ids rebuilt from the applicant's index) and only assembled into
 * an ApplicantTruth when the story ends: hundreds of thousands of applicants are active at once in a large world.
 */
export class ApplicantActor extends Actor implements LoanOwner {
  readonly random: Random;
  readonly profile: ApplicantProfile;
  readonly fraud: boolean;
  readonly lateProbability: number;
  readonly prepayProbability: number;
  private readonly population: Population;
  private readonly firstSeenMs: number;
  /** The loans in booking order: the first, then the repeats' (rare) in an array. */
  private firstLoan: LoanLife | null = null;
  private repeatLoans: LoanLife[] | null = null;
  private applications = 0;
  /** Application times: the first, and the repeats' (rare) in an array. */
  private firstAppliedMs = 0;
  private repeatAppliedMs: number[] | null = null;
  private callCount = 0;
  private ruleBreakingCalls: CallTruth[] | null = null;
  private listed: ('black' | 'grey')[] | null = null;

  constructor(ctx: WorldContext, index: number, segment: Segment, arrivalMs: number, private readonly ring: FraudRing | null, applyMs?: number) {
    super();
    const a = SIMULATOR_MODEL.arrival;
    this.random = ctx.fork(`applicant:${index}`);
    this.population = ctx.population;
    const random = this.random;
    this.fraud = segment === 'ring_member' || segment === 'first_party_fraud';
    let apply: number;
    if (ring && applyMs !== undefined) apply = applyMs;
    else if (segment === 'thin_file') apply = arrivalMs + random.between(2, 20) * MINUTE_MS;
    else apply = arrivalMs + Math.floor(Math.min(random.exponential(1 / a.preApplicationMeanDays) * DAY_MS, (ctx.endMs - arrivalMs) / 2));
    this.profile = createProfile(ctx, random, index, segment, apply);
    if (ring) ring.dress(this.profile, random);
    const firstSeen = ring ? apply - random.between(1, 20) * MINUTE_MS : arrivalMs;
    this.firstSeenMs = firstSeen;
    this.lateProbability = lateProbability(this.profile.latent);
    this.prepayProbability = prepayProbability(this.profile.latent);
    this.at(firstSeen, (c) => this.seen(c, false), firstSeen);
    if (segment === 'normal' || segment === 'first_party_fraud') {
      const logins = random.poisson(a.preApplicationLogins);
      for (let i = 0; i < logins; i++) this.at(firstSeen + Math.floor(random.next() * (apply - firstSeen)), (c) => this.seen(c, true), firstSeen);
    }
    this.at(apply, (c) => this.apply(c), firstSeen);
    if (segment === 'thin_file') ctx.counters.thinFile++;
    if (this.fraud) ctx.counters.fraudsters++;
  }

  sessionIp(): string {
    const c = SIMULATOR_MODEL.covariates;
    return !this.ring && this.random.chance(c.publicIpShare) ? this.population.publicIp(this.random) : this.profile.homeIp;
  }

  /** device.seen (anonymous, first sight) or login (an authenticated session). */
  private seen(ctx: WorldContext, login: boolean): void {
    const p = this.profile;
    if (login) ctx.emit('login', { fingerprint: p.fingerprint, ip: this.sessionIp(), phone: p.phone, os: p.os });
    else ctx.emit('device.seen', { fingerprint: p.fingerprint, ip: this.sessionIp(), os: p.os });
  }

  private apply(ctx: WorldContext): void {
    const p = this.profile;
    const random = this.random;
    this.applications++;
    const repeat = this.applications > 1;
    const applicationId = applicationIdOf(ctx, p.index, this.applications);
    const ip = this.sessionIp();
    ctx.emit('device.seen', { fingerprint: p.fingerprint, ip, idNumber: p.idNumber, phone: p.phone, os: p.os });
    ctx.emit('application.submitted', applicationData(p, applicationId, ip, this.contacts(ctx)));
    if (!repeat) this.firstAppliedMs = ctx.now;
    else (this.repeatAppliedMs ??= []).push(ctx.now);
    if (!repeat && p.segment === 'normal') {
      ctx.relatives.offer({
        idNumber: p.idNumber, phone: p.phone, name: p.name, latent: p.latent, homeAddress: p.homeAddress,
        employer: p.employer, workAddress: p.workAddress, fingerprint: p.fingerprint, os: p.os,
      });
    }
    const b = SIMULATOR_MODEL.booking;
    if (!random.chance(repeat ? b.repeatApplication : b.firstApplication)) return;
    const loan = new LoanLife(this, flat(`loan-${ctx.tag}-${p.index}-${this.applications}`),
      annualRateFor(p.incomeReported ? p.income : undefined), repeat, ctx.now);
    // A repeat application follows a paid-off loan, so the first loan is the first application's.
    if (this.firstLoan === null) this.firstLoan = loan;
    else (this.repeatLoans ??= []).push(loan);
    this.at(ctx.now + random.between(1, 30) * MINUTE_MS, (c) => loan.book(c), ctx.now);
  }

  private contacts(ctx: WorldContext): ContactEntry[] {
    if (!this.ring) return drawContacts(ctx, this.random, this.profile);
    const contacts = this.ring.ringContacts(this.random);
    for (let i = this.random.int(4); i > 0; i--) contacts.push({ phone: ctx.population.strangerPhone(this.random), relation: 'other' });
    return contacts;
  }

  paidOff(ctx: WorldContext): void {
    const r = SIMULATOR_MODEL.repeat;
    if (!this.random.chance(r.probability)) return;
    const next = ctx.now + Math.floor((r.minDays + this.random.exponential(1 / r.meanExtraDays)) * DAY_MS);
    if (next < ctx.endMs) this.at(next, (c) => this.apply(c), ctx.now);
  }

  chargedOff(ctx: WorldContext): void {
    const l = SIMULATOR_MODEL.lists;
    const p = this.profile;
    const at = ctx.now;
    const random = this.random;
    if (this.fraud) {
      const ring = p.segment === 'ring_member';
      if (!random.chance(ring ? l.ringBlacklist : l.firstPartyBlacklist)) return;
      const reason = ring ? 'fraud ring: charged off without a payment' : 'first-party fraud: charged off without a payment';
      ctx.emit('list.changed', { list: 'black', entityType: 'person', value: p.idNumber, action: 'add', reason, source: 'fraud_team' });
      if (ring) {
        ctx.emit('list.changed', { list: 'black', entityType: 'device', value: p.fingerprint, action: 'add', reason, source: 'fraud_team' });
        ctx.emit('list.changed', { list: 'black', entityType: 'phone', value: p.phone, action: 'add', reason, source: 'fraud_team' });
      }
      (this.listed ??= []).push('black');
    } else if (random.chance(l.defaulterGreylist)) {
      ctx.emit('list.changed', {
        list: 'grey', entityType: 'person', value: p.idNumber, action: 'add', reason: 'charged off at 90 days past due',
        source: 'collections', expiresAt: isoTime(at + l.greylistDays * DAY_MS),
      });
      (this.listed ??= []).push('grey');
    }
  }

  called(callId: string, loanId: string, agentId: string, rules: readonly ContactRule[]): void {
    this.callCount++;
    if (rules.length > 0) (this.ruleBreakingCalls ??= []).push({ callId, loanId, agentId, rulesBroken: rules });
  }

  finish(ctx: WorldContext): void {
    ctx.counters.applicantsDone++;
    ctx.truth(this.record(ctx));
  }

  private record(ctx: WorldContext): ApplicantTruth {
    const p = this.profile;
    const hazard = hazardCurve(p.latent, p.termMonths, false, this.fraud);
    const applicationIds: string[] = [];
    const appliedAt: string[] = [];
    for (let k = 1; k <= this.applications; k++) {
      applicationIds.push(applicationIdOf(ctx, p.index, k));
      appliedAt.push(isoTime(k === 1 ? this.firstAppliedMs : (this.repeatAppliedMs as number[])[k - 2]));
    }
    const loans: LoanTruth[] = [];
    if (this.firstLoan !== null) loans.push(this.firstLoan.record(ctx.endMs, hazard));
    for (const loan of this.repeatLoans ?? []) loans.push(loan.record(ctx.endMs));
    return {
      idNumber: p.idNumber, phone: p.phone, name: p.name, index: p.index, segment: p.segment,
      latent: p.latent,
      monthlyHazard: hazard,
      ringId: this.ring ? this.ring.id : null,
      ringSize: this.ring ? this.ring.size : null,
      relative: p.relative,
      firstSeenAt: isoTime(this.firstSeenMs),
      applicationIds, appliedAt,
      booked: this.firstLoan !== null,
      outcome: loans.length > 0 ? outcomeOf(loans[0]) : { status: 'not_booked' },
      loans,
      callCount: this.callCount,
      ruleBreakingCalls: this.ruleBreakingCalls ?? [],
      listed: this.listed ?? [],
    };
  }
}

function applicationIdOf(ctx: WorldContext, index: number, application: number): string {
  return flat(`app-${ctx.tag}-${index}-${application}`);
}

function outcomeOf(loan: LoanTruth): ApplicantOutcome {
  switch (loan.status) {
    case 'defaulted':
      return { status: 'defaulted', month: loan.defaultMonth ?? loan.monthsObserved };
    case 'paid_off':
      return { status: 'paid_off', month: loan.termMonths };
    case 'prepaid':
      return { status: 'prepaid', month: loan.prepaidAfterMonth ?? loan.monthsObserved };
    case 'censored':
      return { status: 'censored', monthsObserved: loan.monthsObserved };
  }
}
