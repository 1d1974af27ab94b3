// Equal-instalment (annuity) repayment schedules with due dates on the booking day of each following month, and the
// pricing the simulated lender applies. Amounts are rounded to cents; the last instalment absorbs the rounding.
// A running loan is held for months, so the schedule keeps only its due dates (one double array) and recomputes the
// amortisation (at most 12 steps) when an amount is asked for, with exactly the same arithmetic each time.

import { DAY_MS, addMonths, roundCents } from '../core/index.js';

export class RepaymentSchedule {
  private readonly due: number[];
  private readonly payment: number;
  private readonly rate: number;
  /** Set by walk(): the instalment asked for. */
  private static principal = 0;
  private static interest = 0;
  private static balance = 0;

  constructor(private readonly lent: number, annualRate: number, readonly termMonths: number, bookedMs: number) {
    const r = annualRate / 12;
    this.rate = r;
    this.payment = r === 0 ? lent / termMonths : (lent * r) / (1 - Math.pow(1 + r, -termMonths));
    const day = Math.floor(bookedMs / DAY_MS) * DAY_MS;
    this.due = new Array<number>(termMonths);
    for (let seq = 1; seq <= termMonths; seq++) this.due[seq - 1] = addMonths(day, seq);
  }

  /** Amortises up to instalment `seq` and leaves its principal, interest and balance after in the statics. */
  private walk(seq: number): void {
    const r = this.rate;
    let balance = this.lent;
    let interest = 0;
    let principal = 0;
    for (let k = 1; k <= seq; k++) {
      interest = roundCents(balance * r);
      principal = k === this.termMonths ? roundCents(balance) : roundCents(this.payment - interest);
      balance = roundCents(balance - principal);
    }
    RepaymentSchedule.principal = principal;
    RepaymentSchedule.interest = interest;
    RepaymentSchedule.balance = balance;
  }

  dueMs(seq: number): number {
    return this.due[seq - 1];
  }

  principal(seq: number): number {
    this.walk(seq);
    return RepaymentSchedule.principal;
  }

  interest(seq: number): number {
    this.walk(seq);
    return RepaymentSchedule.interest;
  }

  /** Instalment amount: principal plus interest. */
  amount(seq: number): number {
    this.walk(seq);
    return roundCents(RepaymentSchedule.principal + RepaymentSchedule.interest);
  }

  /** Principal still owed after instalment `seq` is paid (0 gives the amount lent). */
  balanceAfter(seq: number): number {
    if (seq === 0) return this.lent;
    this.walk(seq);
    return RepaymentSchedule.balance;
  }
}

/** Risk-based pricing on what the lender sees (reported income), nothing latent. */
export function annualRateFor(reportedIncome: number | undefined): number {
  if (reportedIncome === undefined) return 0.36;
  if (reportedIncome < 4000) return 0.3;
  if (reportedIncome < 8000) return 0.24;
  return 0.18;
}
