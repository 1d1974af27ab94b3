// Static checks on a parsed CEL tree that cel-js does not make: member names that could reach JS prototypes, string
// literal size, nesting of comprehension scopes (which multiplies work), and which root variables are read. How large
// the values it builds can grow needs the types, so size-growth.ts runs after the type check.
// It does not evaluate anything; runtime bounds (result size, NaN) are in result-conversion.ts.
import type { ExpressionLimits, ExpressionProblem } from './expression-types.js';
import { unsafeRegexReason } from './regex-guard.js';

/** Names that mean something to JavaScript objects; a rule never needs them and must never reach them. */
const FORBIDDEN_MEMBERS = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'toLocaleString',
  'valueOf',
]);

const SCOPED_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** The subset of cel-js's AST node we walk. */
interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly start: number;
  readonly end: number;
}

export interface GuardResult {
  readonly problems: ExpressionProblem[];
  /** Free identifiers in first-use order (iteration and bind variables excluded). */
  readonly identifiers: string[];
  /**
   * Whether some identifier may be read conditionally (behind &&, ||, ?:, a macro, present/value_or/has): then a
   * missing variable does not necessarily make the expression fail, and only evaluating tells.
   */
  readonly conditional: boolean;
}

const CONDITIONAL_OPS = new Set(['||', '&&', '?:']);
const CONDITIONAL_CALLS = new Set(['present', 'value_or', 'has']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).op === 'string' && 'args' in value;
}

export function guardAst(root: unknown, limits: ExpressionLimits): GuardResult {
  const problems: ExpressionProblem[] = [];
  const identifiers: string[] = [];
  const seen = new Set<string>();
  let conditional = false;

  const forbid = (node: Node, name: string): void => {
    problems.push({
      code: 'EXPRESSION_ACCESS_FORBIDDEN',
      message: `"${name}" cannot be accessed from an expression`,
      start: node.start,
      end: node.end,
      details: { member: name },
    });
  };

  const checkPattern = (node: Node, pattern: unknown): void => {
    const literal = isNode(pattern) && pattern.op === 'value' && typeof pattern.args === 'string' ? pattern.args : undefined;
    const reason = literal === undefined ? 'the pattern of matches() must be a string literal' : unsafeRegexReason(literal);
    if (reason) {
      problems.push({ code: 'EXPRESSION_REGEX_UNSAFE', message: reason, start: node.start, end: node.end, details: { pattern: literal } });
    }
  };

  const walk = (value: unknown, scope: readonly string[], nesting: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, scope, nesting);
      return;
    }
    if (!isNode(value)) return;
    const node = value;
    if (CONDITIONAL_OPS.has(node.op)) conditional = true;
    switch (node.op) {
      case 'id': {
        const name = node.args as string;
        if (!scope.includes(name) && !seen.has(name)) {
          seen.add(name);
          identifiers.push(name);
        }
        return;
      }
      case 'value': {
        const literal = node.args;
        if (typeof literal === 'string' && literal.length > limits.maxStringLiteral) {
          problems.push({
            code: 'EXPRESSION_LIMIT_EXCEEDED',
            message: `a string literal holds ${literal.length} characters; the limit is ${limits.maxStringLiteral}`,
            start: node.start,
            end: node.end,
            details: { limit: 'maxStringLiteral', value: limits.maxStringLiteral },
          });
        }
        return;
      }
      case '.':
      case '.?': {
        const [target, field] = node.args as [unknown, string];
        if (FORBIDDEN_MEMBERS.has(field)) forbid(node, field);
        walk(target, scope, nesting);
        return;
      }
      case '[]':
      case '[?]': {
        const [target, index] = node.args as [unknown, unknown];
        if (isNode(index) && index.op === 'value' && typeof index.args === 'string' && FORBIDDEN_MEMBERS.has(index.args)) {
          forbid(node, index.args);
        }
        walk(target, scope, nesting);
        walk(index, scope, nesting);
        return;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args as [string, unknown, unknown[]];
        const isBind = name === 'bind' && isNode(receiver) && receiver.op === 'id' && receiver.args === 'cel';
        if (isBind || SCOPED_MACROS.has(name)) conditional = true;
        if ((isBind || SCOPED_MACROS.has(name)) && args.length >= 2 && isNode(args[0]) && args[0].op === 'id') {
          walkScoped(node, name, isBind, receiver, args, scope, nesting);
          return;
        }
        if (name === 'matches') checkPattern(node, args[0]);
        walk(receiver, scope, nesting);
        walk(args, scope, nesting);
        return;
      }
      case 'call': {
        const [name, args] = node.args as [string, unknown[]];
        if (CONDITIONAL_CALLS.has(name)) conditional = true;
        if (name === 'matches') checkPattern(node, args[1]);
        walk(args, scope, nesting);
        return;
      }
      default:
        walk(node.args, scope, nesting);
    }
  };

  const walkScoped = (
    node: Node, name: string, isBind: boolean, receiver: unknown, args: unknown[], scope: readonly string[], nesting: number,
  ): void => {
    const depth = nesting + 1;
    if (depth > limits.maxScopeNesting) {
      problems.push({
        code: 'EXPRESSION_LIMIT_EXCEEDED',
        message: `${isBind ? 'cel.bind' : name}() nests ${depth} scopes deep; the limit is ${limits.maxScopeNesting}`,
        start: node.start,
        end: node.end,
        details: { limit: 'maxScopeNesting', value: limits.maxScopeNesting },
      });
    }
    const bound = [(args[0] as Node).args as string];
    if (isBind) {
      // cel.bind(var, value, body): the value is read in the outer scope.
      walk(args[1], scope, nesting);
      walk(args.slice(2), [...scope, ...bound], depth);
      return;
    }
    walk(receiver, scope, nesting);
    // Two-variable forms (all(i, v, p)) bind a second identifier.
    let rest = args.slice(1);
    if (args.length === 3 && isNode(args[1]) && args[1].op === 'id' && name !== 'map') {
      bound.push(args[1].args as string);
      rest = args.slice(2);
    }
    walk(rest, [...scope, ...bound], depth);
  };

  walk(root, [], 0);
  return { problems, identifiers, conditional };
}
