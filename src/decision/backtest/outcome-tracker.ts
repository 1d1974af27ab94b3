// What became of each application, from the event log: its loan (loan.booked), instalments due and repayments,
// and charge-offs. An application is "bad" when its loan was charged off or an instalment stayed unpaid 30+ days
// past due by the end of the log; "good" when it was booked and neither happened (with enough time observed).
import { DAY_MS } from '../../core/index.js';
import type { ArgusEventRecord } from '../../store/index.js';

export const BAD_DAYS_PAST_DUE = 30;

interface LoanState {
  readonly applicationId: string;
  chargedOff: boolean;
  /** When the loan closed (paid off or charged off), ms. */
  closedAt: number | null;
  readonly due: Map<number, { dueAt: number; amount: number; paid: number; paidFullAt: number | null }>;
}

export class OutcomeTracker {
  private readonly loans = new Map<string, LoanState>();
  private readonly byApplication = new Map<string, LoanState>();
  private lastTime = 0;

  apply(event: ArgusEventRecord, time: number): void {
    this.lastTime = Math.max(this.lastTime, time);
    const d = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'loan.booked': {
        const loan: LoanState = { applicationId: d.applicationId as string, chargedOff: false, closedAt: null, due: new Map() };
        this.loans.set(d.loanId as string, loan);
        this.byApplication.set(loan.applicationId, loan);
        break;
      }
      case 'instalment.due': {
        const loan = this.loans.get(d.loanId as string);
        loan?.due.set(d.seq as number, { dueAt: Date.parse(d.dueDate as string), amount: d.amountDue as number, paid: 0, paidFullAt: null });
        break;
      }
      case 'repayment.made': {
        const due = this.loans.get(d.loanId as string)?.due.get(d.seq as number);
        if (due) {
          due.paid += d.amount as number;
          if (due.paidFullAt === null && due.paid >= due.amount - 0.005) due.paidFullAt = Date.parse(d.paidAt as string);
        }
        break;
      }
      case 'loan.closed': {
        const loan = this.loans.get(d.loanId as string);
        if (loan) {
          loan.closedAt = time;
          if (d.reason === 'charged_off') loan.chargedOff = true;
        }
        break;
      }
      default:
        break;
    }
  }

  /** true = bad, false = good, null = unknown (never booked, or not observed long enough to tell). */
  outcome(applicationId: string): boolean | null {
    const loan = this.byApplication.get(applicationId);
    if (!loan) return null;
    if (loan.chargedOff) return true;
    let observed = false;
    for (const due of loan.due.values()) {
      const limit = due.dueAt + BAD_DAYS_PAST_DUE * DAY_MS;
      const paidInTime = due.paidFullAt !== null && due.paidFullAt <= limit;
      if (!paidInTime && this.lastTime >= limit) return true;
      if (this.lastTime >= limit) observed = true;
    }
    return observed ? false : null;
  }

  /**
   * For survival models: when the application's loan went bad (charged off, or the moment an instalment reached 30
   * days past due unpaid), or null; and until when it was observed — the time it went bad, else its closing (a
   * paid-off loan cannot go bad later), else the end of the log. Null when it was never booked.
   */
  timeline(applicationId: string): { badAt: number | null; observedUntil: number } | null {
    const loan = this.byApplication.get(applicationId);
    if (!loan) return null;
    let badAt = loan.chargedOff && loan.closedAt !== null ? loan.closedAt : Infinity;
    for (const due of loan.due.values()) {
      const limit = due.dueAt + BAD_DAYS_PAST_DUE * DAY_MS;
      const paidInTime = due.paidFullAt !== null && due.paidFullAt <= limit;
      if (!paidInTime && this.lastTime >= limit) badAt = Math.min(badAt, limit);
    }
    if (badAt !== Infinity) return { badAt, observedUntil: badAt };
    return { badAt: null, observedUntil: loan.closedAt ?? this.lastTime };
  }
}
