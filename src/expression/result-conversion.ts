// CEL values -> plain JSON-like JS values at the edge of an evaluation. cel-js returns CEL ints as BigInt; Argus hands
// out numbers (exact up to ±2^53, an error beyond). NaN and ±Infinity are errors, not answers; strings are size-capped.
import { RiskError } from '../core/index.js';

export function fromCel(value: unknown, maxString: number, source: string): unknown {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new RiskError('EXPRESSION_EVAL_FAILED', `the expression produced ${value}`, { source, celCode: 'non_finite' });
      }
      return value;
    case 'bigint':
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RiskError('EXPRESSION_EVAL_FAILED', 'an int result is beyond ±2^53 and cannot be a JSON number', { source, celCode: 'int_range' });
      }
      return Number(value);
    case 'string':
      if (value.length > maxString) {
        throw new RiskError('EXPRESSION_LIMIT_EXCEEDED', `a string result holds ${value.length} characters; the limit is ${maxString}`, {
          source, limit: 'maxResultString', value: maxString,
        });
      }
      return value;
    case 'object':
      return fromCelObject(value, maxString, source);
    default:
      return value;
  }
}

function fromCelObject(value: object | null, maxString: number, source: string): unknown {
  if (value === null || value instanceof Date || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((v) => fromCel(v, maxString, source));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = fromCel(v, maxString, source);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = fromCel((value as Record<string, unknown>)[k], maxString, source);
    return out;
  }
  // CEL uint, duration, type values: their numeric or string form.
  const primitive = (value as { valueOf(): unknown }).valueOf();
  return primitive === value ? String(value) : fromCel(primitive, maxString, source);
}

/** Variables declared 'int' may be passed as JS integers; CEL wants BigInt. Copies only when there is such a variable. */
export function toCelVariables(
  variables: Readonly<Record<string, unknown>>,
  intVariables: readonly string[],
): Readonly<Record<string, unknown>> {
  if (intVariables.length === 0) return variables;
  let copy: Record<string, unknown> | undefined;
  for (const name of intVariables) {
    const v = variables[name];
    if (typeof v === 'number' && Number.isInteger(v)) {
      copy ??= { ...variables };
      copy[name] = BigInt(v);
    }
  }
  return copy ?? variables;
}
