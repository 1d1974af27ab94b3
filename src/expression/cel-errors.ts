// Turns cel-js errors (ParseError, TypeError, EvaluationError, handler throws) into Argus's coded problems/RiskErrors.
// The cel-js code is kept in details.celCode so a message can be traced, but only our codes are API.
import { RiskError, isRiskError } from '../core/index.js';
import type { ExpressionProblem } from './expression-types.js';

interface CelError {
  readonly name: string;
  readonly code?: string;
  readonly summary?: string;
  readonly message: string;
  readonly range?: { start: number; end: number };
  readonly node?: { op?: string; args?: unknown; start?: number; end?: number };
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : text.slice(0, i);
}

function messageOf(err: CelError): string {
  return err.summary ?? firstLine(err.message);
}

function rangeOf(err: CelError): { start?: number; end?: number } {
  const start = err.range?.start ?? err.node?.start;
  const end = err.range?.end ?? err.node?.end;
  return start === undefined ? {} : { start, end };
}

/** A parse- or check-time error as an authoring problem. */
export function problemFromCel(error: unknown): ExpressionProblem {
  if (isRiskError(error)) return { code: error.code, message: error.message, details: error.details };
  const err = error as CelError;
  const celCode = err.code ?? 'unknown';
  let code: string;
  if (err.name === 'ParseError') code = celCode === 'limit_exceeded' ? 'EXPRESSION_LIMIT_EXCEEDED' : 'EXPRESSION_SYNTAX_INVALID';
  else if (celCode === 'unknown_variable') code = 'EXPRESSION_VARIABLE_UNDEFINED';
  else if (err.name === 'TypeError') code = 'EXPRESSION_TYPE_INVALID';
  else if (error instanceof RangeError) code = 'EXPRESSION_LIMIT_EXCEEDED';
  else code = 'EXPRESSION_SYNTAX_INVALID';
  const details: Record<string, unknown> = { celCode };
  if (celCode === 'unknown_variable' && err.node?.op === 'id') details.variable = err.node.args;
  return { code, message: messageOf(err), ...rangeOf(err), details };
}

/** Source text as carried in error details: enough to recognise it, never a megabyte. */
export function sourceExcerpt(source: string): string {
  return source.length <= 200 ? source : `${source.slice(0, 200)}…`;
}

export function riskErrorFromProblem(problem: ExpressionProblem, source: string): RiskError {
  return new RiskError(problem.code, problem.message, {
    ...problem.details,
    source: sourceExcerpt(source),
    ...(problem.start !== undefined ? { start: problem.start, end: problem.end } : {}),
  });
}

/** An evaluation-time error. A variable read as null/absent is EXPRESSION_VARIABLE_MISSING, never a silent false. */
export function evaluationFailure(error: unknown, source: string, variables: Readonly<Record<string, unknown>>): RiskError {
  if (isRiskError(error)) return error;
  const err = error as CelError;
  const celCode = err.code;
  if ((celCode === 'variable_type_mismatch' || celCode === 'unknown_variable') && err.node?.op === 'id') {
    const name = err.node.args as string;
    const value = variables[name];
    if (value === null || value === undefined) {
      return new RiskError('EXPRESSION_VARIABLE_MISSING', `variable "${name}" has no value`, { variable: name, source });
    }
    return new RiskError('EXPRESSION_EVAL_FAILED', messageOf(err), { celCode, variable: name, source });
  }
  if (error instanceof RangeError) {
    return new RiskError('EXPRESSION_LIMIT_EXCEEDED', `evaluation exceeded a runtime limit: ${error.message}`, { source });
  }
  const cause = (error as { cause?: unknown }).cause;
  const message = err && typeof err.message === 'string' ? messageOf(err) : String(error);
  return new RiskError('EXPRESSION_EVAL_FAILED', message, {
    celCode: celCode ?? 'handler_error',
    source,
    ...(cause instanceof Error ? { cause: cause.message } : {}),
  });
}
