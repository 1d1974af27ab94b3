// Outcome labels for training, from the loan events in the log: for each booked loan, the time from booking to
// default or to censoring, and whether it defaulted. A loan defaults at the due date of the first instalment that is
// still unpaid `dpdDays` (default 90) days later, or at charge-off if that comes first; it is censored when paid off,
// else at the end of observation (the newest event seen, or `asOf`) — a default not yet `dpdDays` old is not seen.
import { DAY_MS } from '../core/index.js';
import type { ArgusEventRecord } from '../store/index.js';

export const DAYS_PER_MONTH = 30.4375;

export interface LoanOutcome {
  readonly loanId: string;
  readonly applicationId: string;
  readonly bookedAt: number;
  /** Months (of 30.4375 days) from booking to default or censoring. */
  readonly timeMonths: number;
  /** 1 defaulted, 0 censored. */
  readonly event: 0 | 1;
}

interface LoanTrack {
  readonly loanId: string;
  readonly applicationId: string;
  readonly bookedAt: number;
  /** seq -> [due time, amount due] */
  readonly due: Map<number, [number, number]>;
  /** seq -> repayments [time, amount] */
  readonly paid: Map<number, [number, number][]>;
  closedAt: number | null;
  chargedOffAt: number | null;
}

export class LoanOutcomeTracker {
  private readonly loans = new Map<string, LoanTrack>();
  private newest = -Infinity;

  constructor(private readonly dpdDays = 90) {}

  /** Feed every event of the tenant in log order. */
  apply(event: ArgusEventRecord, time: number): void {
    if (time > this.newest) this.newest = time;
    const d = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'loan.booked':
        this.loans.set(d.loanId as string, {
          loanId: d.loanId as string, applicationId: d.applicationId as string, bookedAt: time,
          due: new Map(), paid: new Map(), closedAt: null, chargedOffAt: null,
        });
        break;
      case 'instalment.due': {
        const loan = this.loans.get(d.loanId as string);
        if (loan) loan.due.set(d.seq as number, [Date.parse(d.dueDate as string), d.amountDue as number]);
        break;
      }
      case 'repayment.made': {
        const loan = this.loans.get(d.loanId as string);
        if (!loan) break;
        const seq = d.seq as number;
        if (!loan.paid.has(seq)) loan.paid.set(seq, []);
        loan.paid.get(seq)!.push([Date.parse(d.paidAt as string), d.amount as number]);
        break;
      }
      case 'loan.closed': {
        const loan = this.loans.get(d.loanId as string);
        if (!loan) break;
        loan.closedAt = time;
        if (d.reason === 'charged_off') loan.chargedOffAt = time;
        break;
      }
      default:
        break;
    }
  }

  /** Outcomes of every loan booked so far, as of `asOf` (default: the newest event seen). */
  outcomes(asOf = this.newest): Map<string, LoanOutcome> {
    const byApplication = new Map<string, LoanOutcome>();
    for (const loan of this.loans.values()) {
      if (loan.bookedAt > asOf) continue;
      const defaultAt = this.defaultTime(loan, asOf);
      const end = defaultAt ?? Math.min(loan.closedAt ?? asOf, asOf);
      byApplication.set(loan.applicationId, {
        loanId: loan.loanId,
        applicationId: loan.applicationId,
        bookedAt: loan.bookedAt,
        timeMonths: Math.max(0, end - loan.bookedAt) / (DAY_MS * DAYS_PER_MONTH),
        event: defaultAt === null ? 0 : 1,
      });
    }
    return byApplication;
  }

  private defaultTime(loan: LoanTrack, asOf: number): number | null {
    let first: number | null = loan.chargedOffAt !== null && loan.chargedOffAt <= asOf ? loan.chargedOffAt : null;
    for (const [seq, [dueAt, amount]] of loan.due) {
      const deadline = dueAt + this.dpdDays * DAY_MS;
      if (deadline > asOf || (first !== null && dueAt >= first)) continue;
      let paid = 0;
      for (const [at, value] of loan.paid.get(seq) ?? []) if (at <= deadline) paid += value;
      if (paid < amount - 0.01) first = first === null ? dueAt : Math.min(first, dueAt);
    }
    return first;
  }
}
