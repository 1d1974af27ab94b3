// Time units in milliseconds, and the conventions for money: amounts are decimal numbers in the loan's currency,
// rounded to cents at the edge (JSON has no decimal type; lenders' amounts fit exactly in a double at cent precision).

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Whole days from a to b (b later is positive), by UTC calendar day. */
export function daysBetween(a: number, b: number): number {
  return Math.floor(b / DAY_MS) - Math.floor(a / DAY_MS);
}

/** Adds calendar months in UTC, clamping the day to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(time: number, months: number): number {
  const d = new Date(time);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime();
}
