// One loan from booking to its end: a statement (instalment.due) each month, the month's default draw from the
// documented hazard, on-time or late-and-cured repayment, prepayment, collection calls while overdue, and charge-off
// at 90 days past due. Decisions for month m are drawn when its statement is issued, so the loan holds one month
// of future steps at a time. Not who borrows or why (applicant-actor.ts).

import { DAY_MS, MINUTE_MS, daysBetween, roundCents, type Random } from '../core/index.js';
import type { ApplicantProfile } from './applicant-profile.js';
import { CallPlanner, callData, type OverdueEpisode } from './collection-calls.js';
import { RepaymentSchedule } from './loan-schedule.js';
import { SIMULATOR_MODEL, drawLateDays, hazardAt, hazardCurve } from './simulator-model.js';
import type { WorldContext } from './world-actor.js';
import type { ContactRule, LoanStatus, LoanTruth } from './world-types.js';
import { isoTime } from './iso-time.js';

export interface LoanOwner {
  readonly random: Random;
  readonly profile: ApplicantProfile;
  readonly fraud: boolean;
  /** lateProbability and prepayProbability of the owner's latent, worked out once (they are drawn against monthly). */
  readonly lateProbability: number;
  readonly prepayProbability: number;
  at(time: number, step: (ctx: WorldContext) => void, notBefore: number): void;
  sessionIp(): string;
  /** The loan was paid off (regularly or early) at ctx.now. */
  paidOff(ctx: WorldContext): void;
  /** The loan was charged off at ctx.now. */
  chargedOff(ctx: WorldContext): void;
  /** A collection call about this loan was emitted (rules: the contact rules it broke). */
  called(callId: string, loanId: string, agentId: string, rules: readonly ContactRule[]): void;
}

/**
 * The loan's truth is kept as plain fields while it runs and only turned into a LoanTruth when the applicant's story
 * ends (record()): hundreds of thousands of loans run at once, and a finished record costs several strings and arrays.
 */
export class LoanLife {
  private readonly schedule: RepaymentSchedule;
  /** Instalments 1..paidThrough have a payment (made or planned); the worst days past due among them so far. */
  private paidThrough = 0;
  private worstPaidDays = 0;
  private lastPaidMs = 0;
  private chargeOffMs = Infinity;
  private status: LoanStatus = 'censored';
  private defaultMonth = 0;
  private prepaidAfterMonth = 0;
  private monthsObserved = 0;
  private latePayments = 0;
  private chargedOff = false;
  private closedMs = -1;

  constructor(
    private readonly owner: LoanOwner,
    readonly loanId: string,
    private readonly annualRate: number,
    readonly repeat: boolean,
    private readonly bookedMs: number,
  ) {
    const { profile } = owner;
    this.schedule = new RepaymentSchedule(profile.requestedAmount, annualRate, profile.termMonths, bookedMs);
  }

  get defaulted(): boolean {
    return this.status === 'defaulted';
  }

  /** The loan's ground truth as of the world's end; `hazard` is the applicant's curve when it is this loan's. */
  record(endMs: number, hazard?: readonly number[]): LoanTruth {
    const { profile } = this.owner;
    const z = profile.latent;
    return {
      loanId: this.loanId,
      applicationId: this.applicationId(),
      bookedAt: isoTime(this.bookedMs),
      amount: profile.requestedAmount,
      termMonths: profile.termMonths,
      repeat: this.repeat,
      monthlyHazard: hazard ?? hazardCurve(z, profile.termMonths, this.repeat, this.owner.fraud),
      lateProbability: this.owner.lateProbability,
      prepayProbability: this.owner.prepayProbability,
      status: this.status,
      defaultMonth: this.defaultMonth === 0 ? null : this.defaultMonth,
      prepaidAfterMonth: this.prepaidAfterMonth === 0 ? null : this.prepaidAfterMonth,
      monthsObserved: this.monthsObserved,
      latePayments: this.latePayments,
      maxDaysPastDue: this.maxDaysPastDue(endMs),
      chargedOff: this.chargedOff,
      closedAt: this.closedMs < 0 ? null : isoTime(this.closedMs),
    };
  }

  book(ctx: WorldContext): void {
    const { profile } = this.owner;
    const s = this.schedule;
    ctx.emit('loan.booked', {
      loanId: this.loanId,
      applicationId: this.applicationId(),
      idNumber: profile.idNumber,
      amount: profile.requestedAmount,
      annualRate: this.annualRate,
      termMonths: profile.termMonths,
      schedule: Array.from({ length: s.termMonths }, (_, i) => ({
        seq: i + 1, dueDate: isoTime(s.dueMs(i + 1)), principal: s.principal(i + 1), interest: s.interest(i + 1),
      })),
    });
    ctx.counters.loans++;
    this.owner.at(this.statementMs(1), (c) => this.month(c, 1), ctx.now);
  }

  /** The statement of month m and the month's draws. */
  private month(ctx: WorldContext, m: number): void {
    this.statement(ctx, m);
    this.monthsObserved = m;
    const { random, profile, fraud } = this.owner;
    if (random.next() < hazardAt(profile.latent, m, profile.termMonths, this.repeat, fraud)) this.defaultAt(ctx, m);
    else this.pay(ctx, m);
  }

  private statement(ctx: WorldContext, m: number): void {
    ctx.emit('instalment.due', { loanId: this.loanId, seq: m, dueDate: isoTime(this.schedule.dueMs(m)), amountDue: this.schedule.amount(m) });
  }

  private pay(ctx: WorldContext, m: number): void {
    const random = this.owner.random;
    const dueMs = this.schedule.dueMs(m);
    const previousPaid = this.lastPaidMs;
    const own = random.chance(this.owner.lateProbability)
      ? dueMs + drawLateDays(random) * DAY_MS + random.int(DAY_MS)
      : ctx.now + random.int(statementSpan());
    // An instalment is never paid before the one before it: a borrower catching up pays both together.
    const paid = Math.max(own, previousPaid + random.between(1, 10) * MINUTE_MS);
    this.lastPaidMs = paid;
    this.paidThrough = m;
    if (dueMs <= ctx.endMs) this.worstPaidDays = Math.max(this.worstPaidDays, daysBetween(dueMs, Math.min(paid, ctx.endMs)));
    if (paid > dueMs) this.planCalls(ctx, m, { dueMs, fromMs: Math.max(dueMs, previousPaid), untilMs: paid, cured: true, fraud: false });
    if (random.chance(0.5)) {
      const loginMs = Math.max(ctx.now, paid - random.between(1, 60) * MINUTE_MS);
      this.owner.at(loginMs, (c) => this.login(c), ctx.now);
    }
    this.owner.at(paid, (c) => this.repaid(c, m), ctx.now);
    if (m === this.schedule.termMonths) return;
    const nextStatement = this.statementMs(m + 1);
    const room = Math.min(SIMULATOR_MODEL.prepay.maxDaysAfter, Math.floor((nextStatement - paid) / DAY_MS) - 1);
    if (room >= 1 && random.chance(this.owner.prepayProbability)) {
      this.owner.at(paid + random.between(1, room) * DAY_MS + random.int(DAY_MS / 2), (c) => this.prepaid(c, m), ctx.now);
    } else {
      this.owner.at(nextStatement, (c) => this.month(c, m + 1), ctx.now);
    }
  }

  private repaid(ctx: WorldContext, m: number): void {
    ctx.emit('repayment.made', { loanId: this.loanId, seq: m, amount: this.schedule.amount(m), paidAt: isoTime(ctx.now) });
    if (daysBetween(this.schedule.dueMs(m), ctx.now) > 0) this.latePayments++;
    if (m === this.schedule.termMonths) this.close(ctx, 'paid_off');
  }

  private prepaid(ctx: WorldContext, m: number): void {
    const days = Math.max(1, daysBetween(this.lastPaidMs, ctx.now));
    const amount = roundCents(this.schedule.balanceAfter(m) * (1 + ((this.annualRate / 12) * days) / 30));
    ctx.emit('repayment.made', { loanId: this.loanId, seq: m + 1, amount, paidAt: isoTime(ctx.now) });
    // The rest is paid now, before its due dates: never past due.
    this.paidThrough = this.schedule.termMonths;
    this.prepaidAfterMonth = m;
    this.close(ctx, 'prepaid');
  }

  private close(ctx: WorldContext, status: 'paid_off' | 'prepaid'): void {
    ctx.emit('loan.closed', { loanId: this.loanId, reason: 'paid_off' });
    this.status = status;
    this.closedMs = ctx.now;
    this.owner.paidOff(ctx);
  }

  private defaultAt(ctx: WorldContext, m: number): void {
    const dueMs = this.schedule.dueMs(m);
    this.defaultMonth = m;
    this.status = 'defaulted';
    ctx.counters.defaults++;
    this.chargeOffMs = dueMs + SIMULATOR_MODEL.loan.chargeOffDays * DAY_MS;
    this.planCalls(ctx, m, {
      dueMs, fromMs: Math.max(dueMs, this.lastPaidMs), untilMs: this.chargeOffMs, cured: false, fraud: this.owner.fraud,
    });
    // Statements keep coming until the loan is charged off.
    for (let k = m + 1; k <= this.schedule.termMonths && this.statementMs(k) < this.chargeOffMs; k++) {
      this.owner.at(this.statementMs(k), (c) => this.statement(c, k), ctx.now);
    }
    const outstanding = roundCents(this.schedule.balanceAfter(m - 1) + this.schedule.interest(m));
    this.owner.at(this.chargeOffMs, (c) => {
      c.emit('loan.closed', { loanId: this.loanId, reason: 'charged_off', outstanding });
      this.chargedOff = true;
      this.closedMs = c.now;
      this.owner.chargedOff(c);
    }, ctx.now);
  }

  private planCalls(ctx: WorldContext, seq: number, episode: OverdueEpisode): void {
    this.callsOfNextDay(ctx, new CallPlanner(episode), this.schedule.amount(seq));
  }

  /** Schedules the next day's calls; the last of them plans the day after. */
  private callsOfNextDay(ctx: WorldContext, planner: CallPlanner, amount: number): void {
    const owner = this.owner;
    const calls = planner.next(owner.random);
    if (calls === null) return;
    let last = calls[0];
    for (const call of calls) if (call.endMs >= last.endMs) last = call;
    const { profile } = owner;
    const contact = profile.emergencyContacts[0];
    for (const call of calls) {
      owner.at(call.endMs, (c) => {
        const callId = c.nextCallId();
        c.emit('collection.call', callData(owner.random, call, {
          callId, loanId: this.loanId, borrowerName: profile.name, borrowerPhone: profile.phone,
          contactName: contact.name ?? 'Sir or Madam', contactPhone: contact.phone, amount,
        }));
        owner.called(callId, this.loanId, call.agentId, call.rules);
        if (call === last) this.callsOfNextDay(c, planner, amount);
      }, ctx.now);
    }
  }

  private statementMs(seq: number): number {
    return this.schedule.dueMs(seq) - SIMULATOR_MODEL.loan.statementDays * DAY_MS;
  }

  private login(ctx: WorldContext): void {
    const { profile } = this.owner;
    ctx.emit('login', { fingerprint: profile.fingerprint, ip: this.owner.sessionIp(), phone: profile.phone, os: profile.os });
  }

  /** Worst days past due seen by the world's end (instalments unpaid at the end count up to it). */
  private maxDaysPastDue(endMs: number): number {
    let worst = this.worstPaidDays;
    for (let seq = this.paidThrough + 1; seq <= this.schedule.termMonths; seq++) {
      const due = this.schedule.dueMs(seq);
      if (due > endMs) break;
      worst = Math.max(worst, daysBetween(due, Math.min(endMs, this.chargeOffMs)));
    }
    return worst;
  }

  /** The application the loan was booked on: its id differs from the loan id only in the prefix. */
  private applicationId(): string {
    return `app${this.loanId.slice(4)}`;
  }
}

function statementSpan(): number {
  return SIMULATOR_MODEL.loan.statementDays * DAY_MS;
}
