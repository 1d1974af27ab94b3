// A static bound on how large the strings and lists an expression builds can get, relative to its inputs. Results
// are capped when they are returned (result-conversion.ts), but an expression can build a huge value and only measure
// it: `cel.bind(a, s + s + ... + s, cel.bind(b, a + a + ... + a, size(b) > 0))` multiplies its input twenty-fold per
// level without ever returning a long string. cel-js's own operators cannot be wrapped, so such expressions are
// refused before they run.
//
// Every value is bounded by k·N + e·X + c: N the size of the largest input value, X the size of the element a
// comprehension is visiting, c characters and elements of literals. Sizes count characters and elements: a number
// is 1, a list of numbers as long as it is. Concatenation adds bounds, joining and mapping multiply them; a product of
// two input-sized factors grows with N², which no limit on N can make safe, so it is refused outright. The bound is
// taken on the type-checked tree: `+` of numbers is a number, not a concatenation.
import type { ExpressionLimits, ExpressionProblem } from './expression-types.js';

interface AstNode {
  readonly op: string;
  readonly args: unknown;
  readonly start: number;
  readonly end: number;
  /** Set by cel-js's type check. */
  readonly checkedType?: { readonly name: string };
}

/** size ≤ k·N + e·X + c */
interface Bound {
  readonly k: number;
  readonly e: number;
  readonly c: number;
}

const ZERO: Bound = { k: 0, e: 0, c: 0 };
/** A number, a bool, a null, a time: one slot, whatever it is made from. */
const SCALAR: Bound = { k: 0, e: 0, c: 1 };
const INPUT: Bound = { k: 1, e: 0, c: 0 };
const ELEMENT: Bound = { k: 0, e: 1, c: 0 };

/** Calls whose result is a number or a bool, whatever they are given. */
const SCALAR_CALLS = new Set([
  'size', 'startsWith', 'endsWith', 'contains', 'matches', 'indexOf', 'lastIndexOf', 'all', 'exists', 'exists_one',
  'has', 'int', 'uint', 'double', 'bool', 'present',
]);
/** Operators whose result is a number or a bool. */
const SCALAR_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '-', '*', '/', '%', '&&', '||', '!_', '-_', 'in']);
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const SCALAR_TYPES = new Set(['int', 'uint', 'double', 'bool', 'null_type', 'google.protobuf.Timestamp', 'google.protobuf.Duration']);

function isScalar(node: AstNode): boolean {
  return node.checkedType !== undefined && SCALAR_TYPES.has(node.checkedType.name);
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string' && 'args' in value;
}

const add = (a: Bound, b: Bound): Bound => ({ k: a.k + b.k, e: a.e + b.e, c: a.c + b.c });
const max = (a: Bound, b: Bound): Bound => ({ k: Math.max(a.k, b.k), e: Math.max(a.e, b.e), c: Math.max(a.c, b.c) });
const scale = (a: Bound, f: number): Bound => ({ k: a.k * f, e: a.e * f, c: a.c * f });
const sized = (a: Bound): boolean => a.k > 0 || a.e > 0;

/** a·b, or null when both grow with the inputs (quadratic). */
function product(a: Bound, b: Bound): Bound | null {
  if (sized(a) && sized(b)) return null;
  return sized(a) ? scale(a, b.c) : scale(b, a.c);
}

/** The bound with the visited element X replaced by the bound of the list it comes from (X ≤ the list). */
function substitute(body: Bound, list: Bound): Bound {
  return { k: body.k + body.e * list.k, e: body.e * list.e, c: body.c + body.e * list.c };
}

/** The comprehension being visited: its element's name and the bound of its list. */
interface Visit {
  readonly name: string;
  readonly list: Bound;
}

/**
 * A problem if some value the expression builds may exceed `limits.maxSizeGrowth` times its largest input (plus its
 * literals), or may grow with the square of its inputs; undefined otherwise.
 */
export function sizeGrowthProblem(root: unknown, limits: ExpressionLimits): ExpressionProblem | undefined {
  const limit = limits.maxSizeGrowth;
  let worst: { node: AstNode; growth: number } | null = null;
  let constant: { node: AstNode; size: number } | null = null;
  const note = (node: AstNode, bound: Bound | null): Bound => {
    const growth = bound === null ? Infinity : bound.k + bound.e;
    if (growth > limit && (worst === null || growth > worst.growth)) worst = { node, growth };
    // Literals alone can multiply too ([1, ..., 100].map(x, "a long literal")): capped like a result.
    if (bound !== null && bound.c > limits.maxResultString && (constant === null || bound.c > constant.size)) constant = { node, size: bound.c };
    return bound ?? INPUT;
  };

  /** `scope`: bind variables and enclosing comprehensions' elements by name; `visit`: the innermost comprehension. */
  const walk = (value: unknown, scope: ReadonlyMap<string, Bound>, visit: Visit | null): Bound => {
    if (!isNode(value)) return ZERO;
    const bound = measure(value, scope, visit);
    return isScalar(value) ? SCALAR : bound;
  };

  const measure = (node: AstNode, scope: ReadonlyMap<string, Bound>, visit: Visit | null): Bound => {
    const args = node.args;
    switch (node.op) {
      case 'value':
        return typeof args === 'string' ? { k: 0, e: 0, c: args.length } : SCALAR;
      case 'id':
        return args === visit?.name ? ELEMENT : scope.get(args as string) ?? INPUT;
      case '.':
      case '.?':
        return walk((args as unknown[])[0], scope, visit);
      case '[]':
      case '[?]': {
        const [target, index] = args as [unknown, unknown];
        walk(index, scope, visit);
        return walk(target, scope, visit);
      }
      case '+': {
        const sum = (args as unknown[]).map((a) => walk(a, scope, visit)).reduce(add, ZERO);
        return isScalar(node) ? SCALAR : note(node, sum);
      }
      case 'list':
        return note(node, (args as unknown[]).map((a) => walk(a, scope, visit)).reduce(add, ZERO));
      case 'map':
        return note(node, (args as unknown[][]).flat().map((a) => walk(a, scope, visit)).reduce(add, ZERO));
      case '?:': {
        const [condition, then, otherwise] = args as [unknown, unknown, unknown];
        walk(condition, scope, visit);
        return max(walk(then, scope, visit), walk(otherwise, scope, visit));
      }
      case 'rcall':
        return receiverCall(node, scope, visit);
      case 'call': {
        const [name, callArgs] = args as [string, unknown[]];
        const bounds = callArgs.map((a) => walk(a, scope, visit));
        return SCALAR_CALLS.has(name) ? SCALAR : bounds.reduce(max, ZERO);
      }
      default: {
        const bounds = (Array.isArray(args) ? args : [args]).map((a) => walk(a, scope, visit));
        return SCALAR_OPS.has(node.op) ? SCALAR : bounds.reduce(max, ZERO);
      }
    }
  };

  const receiverCall = (node: AstNode, scope: ReadonlyMap<string, Bound>, visit: Visit | null): Bound => {
    const [name, receiver, callArgs] = node.args as [string, unknown, unknown[]];
    if (name === 'bind' && isNode(receiver) && receiver.op === 'id' && receiver.args === 'cel' && isNode(callArgs[0])) {
      const bound = callArgs[0].args as string;
      const inner = new Map(scope).set(bound, walk(callArgs[1], scope, visit));
      return walk(callArgs[2], inner, visit?.name === bound ? null : visit);
    }
    const list = walk(receiver, scope, visit);
    if (COMPREHENSIONS.has(name) && isNode(callArgs[0]) && callArgs[0].op === 'id') {
      return comprehension(node, name, list, callArgs, scope, visit);
    }
    const bounds = callArgs.map((a) => walk(a, scope, visit));
    if (name === 'join') {
      // Every element, plus a separator between each two: at most as many separators as the list's size.
      const separators = bounds.length > 0 ? product(list, bounds[0]) : ZERO;
      return note(node, separators && add(list, separators));
    }
    return SCALAR_CALLS.has(name) ? SCALAR : [list, ...bounds].reduce(max, ZERO);
  };

  const comprehension = (
    node: AstNode, name: string, list: Bound, callArgs: unknown[], scope: ReadonlyMap<string, Bound>, visit: Visit | null,
  ): Bound => {
    // In the body an enclosing comprehension's element is just some value no larger than its list.
    const inner = new Map(scope);
    if (visit) inner.set(visit.name, substitute(ELEMENT, visit.list));
    let bodies = callArgs.slice(1);
    let element = callArgs[0] as AstNode;
    if (callArgs.length === 3 && isNode(callArgs[1]) && callArgs[1].op === 'id' && name !== 'map') {
      inner.set(element.args as string, ZERO); // all(i, v, p): i is an index or a key
      element = callArgs[1];
      bodies = callArgs.slice(2);
    }
    const here: Visit = { name: element.args as string, list };
    const bounds = bodies.map((b) => walk(b, inner, here));
    for (let i = 0; i < bodies.length; i++) note(bodies[i] as AstNode, substitute(bounds[i], list));
    if (name === 'filter') return list;
    if (name !== 'map') return SCALAR;
    // One value per element: the elements' parts add up to the list (e·X summed is e·list); the rest (at least the
    // element's own slot) is paid per element, and there are at most as many elements as the list's size.
    const transform = bounds[bounds.length - 1];
    const perElement = product({ k: transform.k, e: 0, c: transform.c }, list);
    return note(node, perElement && add(perElement, scale(list, transform.e)));
  };

  walk(root, new Map(), null);
  if (worst === null && constant !== null) {
    const { node, size } = constant as { node: AstNode; size: number };
    return {
      code: 'EXPRESSION_LIMIT_EXCEEDED',
      message: `the expression may build a value of ${size} characters or elements from its literals; the limit is ${limits.maxResultString}`,
      start: node.start,
      end: node.end,
      details: { limit: 'maxResultString', value: limits.maxResultString },
    };
  }
  if (worst === null) return undefined;
  const { node, growth } = worst as { node: AstNode; growth: number };
  return {
    code: 'EXPRESSION_LIMIT_EXCEEDED',
    message: growth === Infinity
      ? 'the expression may build a value that grows with the square of its inputs (a join or map over an input, of input-sized parts)'
      : `the expression may build a value ${growth} times the size of its largest input; the limit is ${limit}`,
    start: node.start,
    end: node.end,
    details: { limit: 'maxSizeGrowth', value: limit },
  };
}
