// Durations in feature specs: "90s", "15m", "1h", "30d", "2w" <-> milliseconds. Only whole numbers of one unit, so a
// spec reads the same way it is stored and feature names can carry the window ("device.applications.1h").
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../core/index.js';

const UNITS: Readonly<Record<string, number>> = { s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };
const SHAPE = /^([1-9][0-9]{0,6})(s|m|h|d|w)$/;

/** Milliseconds of "30d" etc., or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2]];
}

/** The shortest exact form: 3_600_000 -> "1h", 5_400_000 -> "90m". */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    const size = UNITS[unit];
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
