// Parsing of flag values shared by the commands: comma-separated lists and optional numbers, with CLI_FLAG_INVALID.
import { RiskError } from '../../core/index.js';

export function parseList(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new RiskError('CLI_FLAG_INVALID', `--${flag} needs at least one value`, { flag });
  return items;
}

export function optionalNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new RiskError('CLI_FLAG_INVALID', `--${flag}: "${value}" is not a number`, { flag, value });
  return n;
}
