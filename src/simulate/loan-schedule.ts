// Equal-instalment (annuity) repayment schedules with due dates on the booking day of each following month, and the
// pricing the simulated lender applies. Amounts are rounded to cents; the last instalment absorbs the rounding.
// A schedule is one flat array of doubles (due, principal, interest, balance after, per instalment): a running loan
// is held for months, and objects with number fields would cost a boxed number each (a typed array costs more still).

import { DAY_MS, addMonths, roundCents } from '../core/index.js';

const FIELDS = 4;

export class RepaymentSchedule {
  private readonly values: number[];

  constructor(private readonly lent: number, annualRate: number, readonly termMonths: number, bookedMs: number) {
    const amount = lent;
    const r = annualRate / 12;
    const payment = r === 0 ? amount / termMonths : (amount * r) / (1 - Math.pow(1 + r, -termMonths));
    const day = Math.floor(bookedMs / DAY_MS) * DAY_MS;
    this.values = Array.from({ length: termMonths * FIELDS }, () => 0);
    let balance = amount;
    for (let seq = 1; seq <= termMonths; seq++) {
      const interest = roundCents(balance * r);
      const principal = seq === termMonths ? roundCents(balance) : roundCents(payment - interest);
      balance = roundCents(balance - principal);
      const at = (seq - 1) * FIELDS;
      this.values[at] = addMonths(day, seq);
      this.values[at + 1] = principal;
      this.values[at + 2] = interest;
      this.values[at + 3] = balance;
    }
  }

  dueMs(seq: number): number {
    return this.values[(seq - 1) * FIELDS];
  }

  principal(seq: number): number {
    return this.values[(seq - 1) * FIELDS + 1];
  }

  interest(seq: number): number {
    return this.values[(seq - 1) * FIELDS + 2];
  }

  /** Instalment amount: principal plus interest. */
  amount(seq: number): number {
    return roundCents(this.principal(seq) + this.interest(seq));
  }

  /** Principal still owed after instalment `seq` is paid (0 gives the amount lent). */
  balanceAfter(seq: number): number {
    return seq === 0 ? this.lent : this.values[(seq - 1) * FIELDS + 3];
  }
}

/** Risk-based pricing on what the lender sees (reported income), nothing latent. */
export function annualRateFor(reportedIncome: number | undefined): number {
  if (reportedIncome === undefined) return 0.36;
  if (reportedIncome < 4000) return 0.3;
  if (reportedIncome < 8000) return 0.24;
  return 0.18;
}
