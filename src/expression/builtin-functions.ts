// The functions Argus adds to CEL for risk rules: numeric helpers that accept ints and doubles alike, and the two
// missing-aware macros `present(x)` and `value_or(x, fallback)` that look at a variable before its type is enforced.
// Everything here is pure and synchronous. The registry that holds them is function-registry.ts.
import type { ExpressionFunction } from './expression-types.js';

type Num = number | bigint;
const num = (v: Num): number => (typeof v === 'bigint' ? Number(v) : v);

/** The plain numeric function behind each handler numericOverloads made (the fast path calls it directly). */
const NUMERIC_IMPLEMENTATIONS = new WeakMap<Function, (...args: number[]) => unknown>();

export function numericImplementation(handler: Function): ((...args: number[]) => unknown) | undefined {
  return NUMERIC_IMPLEMENTATIONS.get(handler);
}

/** Every int/double combination of an n-ary numeric function, so `clamp(x, 0, 1)` type-checks without `0.0`. */
export function numericOverloads(
  name: string,
  arity: number,
  returnType: string,
  fn: (...args: number[]) => unknown,
  description: string,
): ExpressionFunction[] {
  const out: ExpressionFunction[] = [];
  for (let mask = 0; mask < 1 << arity; mask++) {
    const types = Array.from({ length: arity }, (_, i) => ((mask >> i) & 1 ? 'int' : 'double'));
    const handler = (...args: Num[]): unknown => fn(...args.map(num));
    NUMERIC_IMPLEMENTATIONS.set(handler, fn);
    out.push({ signature: `${name}(${types.join(', ')}): ${returnType}`, handler, description });
  }
  return out;
}

function safeRatio(a: number, b: number): number {
  if (b === 0) throw new Error('ratio() with a zero denominator');
  return a / b;
}

export const BUILTIN_FUNCTIONS: readonly ExpressionFunction[] = [
  ...numericOverloads('min', 2, 'double', Math.min, 'the smaller of two numbers'),
  ...numericOverloads('max', 2, 'double', Math.max, 'the larger of two numbers'),
  ...numericOverloads('abs', 1, 'double', Math.abs, 'absolute value'),
  ...numericOverloads('floor', 1, 'double', Math.floor, 'round down'),
  ...numericOverloads('ceil', 1, 'double', Math.ceil, 'round up'),
  ...numericOverloads('round', 1, 'double', Math.round, 'round half up to a whole number'),
  ...numericOverloads('sqrt', 1, 'double', Math.sqrt, 'square root (NaN for negatives is an evaluation error)'),
  ...numericOverloads('log', 1, 'double', Math.log, 'natural logarithm'),
  ...numericOverloads('clamp', 3, 'double', (x, lo, hi) => Math.min(Math.max(x, lo), hi), 'x limited to [lo, hi]'),
  ...numericOverloads('between', 3, 'bool', (x, lo, hi) => x >= lo && x <= hi, 'lo <= x <= hi'),
  ...numericOverloads('ratio', 2, 'double', safeRatio, 'a / b, an evaluation error when b is 0 (never Infinity)'),
];

/** The subset of cel-js's checker/evaluator/context that the missing-aware macros use. */
interface MacroChecker {
  check(node: unknown, ctx: unknown): { name: string };
  getType(name: string): unknown;
  createError(code: string, message: string, node: unknown): Error;
}
interface MacroEvaluator {
  run(node: unknown, ctx: unknown): unknown;
}
interface MacroContext {
  getValue(name: string): unknown;
}
interface AstNode {
  readonly op: string;
  readonly args: any;
}

/** The raw value at an identifier or field path, without type enforcement; undefined when any step is absent. */
function rawValue(node: AstNode, ctx: MacroContext): unknown {
  if (node.op === 'id') return ctx.getValue(node.args as string);
  const [target, field] = node.args as [AstNode, string];
  const base = rawValue(target, ctx);
  if (base === null || base === undefined) return undefined;
  if (base instanceof Map) return base.get(field);
  if (typeof base === 'object' && Object.hasOwn(base, field)) return (base as Record<string, unknown>)[field];
  return undefined;
}

function assertPath(checker: MacroChecker, node: AstNode, fn: string): void {
  let n = node;
  while (n.op === '.') n = n.args[0] as AstNode;
  if (n.op !== 'id') {
    throw checker.createError('invalid_macro_argument', `${fn}() takes a variable or a field of one`, node);
  }
}

export interface MacroDefinition {
  readonly signature: string;
  readonly expand: (call: { args: AstNode[] }) => unknown;
  readonly description: string;
}

export const MISSING_MACROS: readonly MacroDefinition[] = [
  {
    signature: 'present(ast): bool',
    description: 'true when the variable (or field) has a value, false when it is null or absent',
    expand: ({ args }) => ({
      args,
      async: false,
      typeCheck(checker: MacroChecker, macro: { args: AstNode[] }, ctx: unknown) {
        assertPath(checker, macro.args[0], 'present');
        checker.check(macro.args[0], ctx);
        return checker.getType('bool');
      },
      evaluate(_ev: MacroEvaluator, macro: { args: AstNode[] }, ctx: MacroContext) {
        const v = rawValue(macro.args[0], ctx);
        return v !== null && v !== undefined;
      },
    }),
  },
  {
    signature: 'value_or(ast, ast): dyn',
    description: 'the variable (or field) when it has a value, else the fallback',
    expand: ({ args }) => {
      interface ValueOrMacro {
        args: AstNode[];
        async: false;
        toDouble: boolean;
        typeCheck(checker: MacroChecker, m: ValueOrMacro, ctx: unknown): unknown;
        evaluate(ev: MacroEvaluator, m: ValueOrMacro, ctx: MacroContext): unknown;
      }
      const macro: ValueOrMacro = {
        args,
        async: false,
        toDouble: false,
        typeCheck(checker: MacroChecker, m: ValueOrMacro, ctx: unknown) {
          assertPath(checker, m.args[0], 'value_or');
          const valueType = checker.check(m.args[0], ctx);
          const fallbackType = checker.check(m.args[1], ctx);
          const same = valueType.name === fallbackType.name || valueType.name === 'dyn' || fallbackType.name === 'dyn';
          m.toDouble = valueType.name === 'double' && fallbackType.name === 'int';
          if (!same && !m.toDouble) {
            throw checker.createError(
              'no_matching_overload',
              `value_or() fallback is ${fallbackType.name} but the value is ${valueType.name}`,
              m.args[1],
            );
          }
          return valueType;
        },
        evaluate(ev: MacroEvaluator, m: ValueOrMacro, ctx: MacroContext) {
          const v = rawValue(m.args[0], ctx);
          if (v !== null && v !== undefined) return ev.run(m.args[0], ctx);
          const fallback = ev.run(m.args[1], ctx);
          return m.toDouble && typeof fallback === 'bigint' ? Number(fallback) : fallback;
        },
      };
      return macro;
    },
  },
];
