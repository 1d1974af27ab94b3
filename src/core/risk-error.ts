// The one error type every engine throws. Codes are stable API: once shipped, a code never changes meaning.
// Tests assert on `code`, never on `message`. Only `api` maps codes to HTTP statuses.

const CODE_SHAPE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

export class RiskError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    if (!CODE_SHAPE.test(code)) throw new Error(`RiskError code "${code}" must look like ENGINE_NOUN_PROBLEM`);
    this.name = 'RiskError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isRiskError(value: unknown): value is RiskError {
  return value instanceof RiskError;
}
