// Shape tests for authored JSON (flow documents, release specs arrive as any JSON): what a value must be before the
// code that uses it can assume it.

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number at least `min`. */
export function isWholeNumber(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min;
}
