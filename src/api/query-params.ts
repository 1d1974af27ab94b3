// Numbers in query strings: a whole number within bounds, or a coded 400 naming the parameter. A raw value is never
// passed on (GET /v1/decisions?limit=abc reached SQLite as NaN and came back as a 500; a negative limit meant none).
import { RiskError } from '../core/index.js';

export function intQuery(name: string, raw: string | undefined, fallback: number, min: number, max: number, code = 'API_QUERY_INVALID'): number {
  if (raw === undefined || raw === '') return fallback;
  // Digits only: Number() would also take "0x10", "1e3" and " 7 ".
  const value = /^-?\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RiskError(code, `${name} must be an integer from ${min} to ${max}`, { [name]: raw });
  }
  return value;
}
