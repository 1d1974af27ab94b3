// Discrete time for GBST: a loan's time becomes its last period at risk, p = ceil(t / L) clamped to 1..J, and
// its event counts only when it falls within the J periods. Also the life-table (Kaplan–Meier style) hazards.

export interface PeriodLabels {
  /** Last period (1-based) the loan is at risk in. */
  readonly period: Int32Array;
  /** 1 when the loan defaulted in `period`; 0 when it was censored after being current through it. */
  readonly event: Uint8Array;
}

export function toPeriods(time: Float64Array, event: Float64Array, periods: number, periodLength: number): PeriodLabels {
  const n = time.length;
  const period = new Int32Array(n);
  const ev = new Uint8Array(n);
  const horizon = periods * periodLength;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t > horizon) {
      // Beyond the horizon the loan survived all J periods: censored at J whatever happened later.
      period[i] = periods;
      ev[i] = 0;
    } else {
      period[i] = Math.max(1, Math.ceil(t / periodLength));
      ev[i] = event[i] === 1 ? 1 : 0;
    }
  }
  return { period, event: ev };
}

/**
 * Weighted life-table hazards h_j = defaults in j / loans at risk in j. A period nobody reaches borrows the
 * hazard of the period before it (the model still needs a score there).
 */
export function lifeTableHazards(labels: PeriodLabels, weight: Float64Array | undefined, periods: number): Float64Array {
  const atRiskUntil = new Float64Array(periods + 2);
  const events = new Float64Array(periods + 1);
  for (let i = 0; i < labels.period.length; i++) {
    const w = weight === undefined ? 1 : weight[i];
    const p = labels.period[i];
    atRiskUntil[p] += w;
    if (labels.event[i] === 1) events[p] += w;
  }
  const hazards = new Float64Array(periods);
  let atRisk = 0;
  for (let p = periods; p >= 1; p--) {
    atRisk += atRiskUntil[p];
    hazards[p - 1] = atRisk > 0 ? events[p] / atRisk : NaN;
  }
  let last = 0;
  for (let j = 0; j < periods; j++) {
    if (Number.isNaN(hazards[j])) hazards[j] = last;
    last = hazards[j];
  }
  return hazards;
}
