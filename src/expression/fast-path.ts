// A faster evaluation path for the common shapes of risk rules, built from cel-js's parsed and type-checked AST
// into plain closures (never source text: nothing is eval'd or new Function'd). It is speculative: every closure
// checks the runtime types it relies on and returns BAIL when anything is off the nominal path — a missing or
// mistyped variable, a key that is absent, an int operation that could overflow, a function that throws — and then
// the caller evaluates the same expression with cel-js, which produces the exact value or error. Expressions are
// pure, so running cel-js after a bail-out is indistinguishable from running it alone.
//
// Covered: literals, variables, field access on maps, ! - && || ?:, arithmetic and comparisons on numbers, ==/!= on
// like-typed scalars, `in` over a list of strings, size(list), double(), the present()/value_or() macros, the
// numeric built-ins (min, max, clamp, ...) and `list.map(x, expr)`. Anything else (other macros, literals of lists
// or maps, string functions, int arithmetic) makes compileFastPath answer undefined: cel-js evaluates it all.

/** Returned by a fast closure when only cel-js can tell the answer. */
export const BAIL: unique symbol = Symbol('bail');

type Frame = unknown[];
/** Reads the variables object and the iteration variables of enclosing map() macros. */
type Fast = (vars: Readonly<Record<string, unknown>>, frame: Frame) => unknown;

/** The subset of cel-js's ASTNode this compiler reads. */
interface Ast {
  readonly op: string;
  readonly args: any;
  readonly checkedType?: { readonly name: string; readonly kind: string };
  readonly meta: { readonly macro?: { readonly toDouble?: boolean }; readonly alternate?: Ast };
}

export interface FastPathOptions {
  /** Function name -> implementation, for functions whose every overload is that numeric function. */
  readonly numericFunctions: ReadonlyMap<string, (...args: number[]) => unknown>;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A closure for the whole expression, or undefined when some part of it is not covered. */
export function compileFastPath(root: unknown, options: FastPathOptions): ((vars: Readonly<Record<string, unknown>>) => unknown) | undefined {
  // Iteration variables in scope (innermost last), each with its frame slot.
  const locals: { readonly name: string; readonly slot: number }[] = [];
  let frameSize = 0;
  const compile = (node: Ast): Fast | undefined => {
    switch (node.op) {
      case 'value': return literal(node.args);
      case 'id': return variable(node, locals);
      case '.': return field(node);
      case '!_': {
        const x = compile(node.args as Ast);
        return x && ((v, f) => {
          const a = x(v, f);
          return typeof a === 'boolean' ? !a : BAIL;
        });
      }
      case '-_': {
        const x = compile(node.args as Ast);
        return x && ((v, f) => {
          const a = x(v, f);
          return typeof a === 'number' ? -a : BAIL;
        });
      }
      case '&&':
      case '||': return logical(node);
      case '?:': {
        const [c, t, e] = (node.args as Ast[]).map(compile);
        if (!c || !t || !e) return undefined;
        return (v, f) => {
          const cond = c(v, f);
          return cond === true ? t(v, f) : cond === false ? e(v, f) : BAIL;
        };
      }
      case '+': case '-': case '*': case '/': return arithmetic(node);
      case '<': case '<=': case '>': case '>=': return comparison(node);
      case '==': case '!=': return equality(node);
      case 'in': return membership(node);
      case 'call': return call(node);
      case 'rcall': return mapMacro(node);
      default: return undefined;
    }
  };

  const both = (node: Ast): [Fast, Fast] | undefined => {
    const [l, r] = node.args as [Ast, Ast];
    const a = compile(l);
    const b = compile(r);
    return a && b ? [a, b] : undefined;
  };

  const logical = (node: Ast): Fast | undefined => {
    const pair = both(node);
    if (!pair) return undefined;
    const [a, b] = pair;
    // CEL's && and || are commutative over errors (false && error is false either way round); a bail on either
    // side that decides nothing sends the whole expression to cel-js.
    if (node.op === '&&') {
      return (v, f) => {
        const l = a(v, f);
        if (l === false) return false;
        if (l !== true) return BAIL;
        const r = b(v, f);
        return typeof r === 'boolean' ? r : BAIL;
      };
    }
    return (v, f) => {
      const l = a(v, f);
      if (l === true) return true;
      if (l !== false) return BAIL;
      const r = b(v, f);
      return typeof r === 'boolean' ? r : BAIL;
    };
  };

  const arithmetic = (node: Ast): Fast | undefined => {
    const pair = both(node);
    if (!pair) return undefined;
    const [a, b] = pair;
    // Doubles, or a double with an int (Argus's mixed overloads promote the int). Int with int keeps cel-js's
    // overflow and division rules: bail.
    const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : undefined);
    const op = node.op;
    const apply = op === '+' ? (x: number, y: number) => x + y
      : op === '-' ? (x: number, y: number) => x - y
        : op === '*' ? (x: number, y: number) => x * y
          : (x: number, y: number) => x / y;
    return (v, f) => {
      const l = a(v, f);
      const r = b(v, f);
      if (typeof l !== 'number' && typeof r !== 'number') return BAIL;
      const x = num(l);
      const y = num(r);
      return x === undefined || y === undefined ? BAIL : apply(x, y);
    };
  };

  const comparison = (node: Ast): Fast | undefined => {
    const fused = variableAgainstNumber(node, locals);
    if (fused) return fused;
    const pair = both(node);
    if (!pair) return undefined;
    const [a, b] = pair;
    // cel-js compares every int/double pairing with JS's operators, which are exact across number and bigint.
    const numeric = (x: unknown): boolean => typeof x === 'number' || typeof x === 'bigint';
    switch (node.op) {
      case '<': return (v, f) => { const l = a(v, f); const r = b(v, f); return numeric(l) && numeric(r) ? (l as number) < (r as number) : BAIL; };
      case '<=': return (v, f) => { const l = a(v, f); const r = b(v, f); return numeric(l) && numeric(r) ? (l as number) <= (r as number) : BAIL; };
      case '>': return (v, f) => { const l = a(v, f); const r = b(v, f); return numeric(l) && numeric(r) ? (l as number) > (r as number) : BAIL; };
      default: return (v, f) => { const l = a(v, f); const r = b(v, f); return numeric(l) && numeric(r) ? (l as number) >= (r as number) : BAIL; };
    }
  };

  const equality = (node: Ast): Fast | undefined => {
    const pair = both(node);
    if (!pair) return undefined;
    const [a, b] = pair;
    const negate = node.op === '!=';
    const [l, r] = node.args as [Ast, Ast];
    const withLiteral = r.op === 'value' ? equalsLiteral(a, r.args, negate) : l.op === 'value' ? equalsLiteral(b, l.args, negate) : undefined;
    if (withLiteral) return withLiteral;
    return (v, f) => {
      const l = a(v, f);
      const r = b(v, f);
      const same = scalarEquals(l, r);
      return same === BAIL ? BAIL : negate ? !same : same;
    };
  };

  const membership = (node: Ast): Fast | undefined => {
    const fused = membershipOfMap(node);
    if (fused) return fused;
    const pair = both(node);
    if (!pair) return undefined;
    return memberOf(pair[0], pair[1], (item) => item);
  };

  /** `double(size(list))` as the list's length, without the int (a BigInt) that size() makes and double() undoes. */
  const sizeOfList = (node: Ast): Fast | undefined => {
    if (node.op !== 'call' || node.meta.macro || node.meta.alternate) return undefined;
    const [name, argNodes] = node.args as [string, Ast[]];
    if (name !== 'size' || argNodes.length !== 1) return undefined;
    const x = compile(argNodes[0]);
    return x && ((v, f) => {
      const list = x(v, f);
      return Array.isArray(list) && allCelValues(list) ? list.length : BAIL;
    });
  };

  const call = (node: Ast): Fast | undefined => {
    const [name, argNodes] = node.args as [string, Ast[]];
    if (node.meta.alternate) return undefined;
    if (node.meta.macro) {
      if (name === 'present' && argNodes.length === 1) {
        const raw = rawPath(argNodes[0], locals);
        return raw && ((v, f) => {
          const x = raw(v, f);
          return x !== null && x !== undefined;
        });
      }
      if (name === 'value_or' && argNodes.length === 2) {
        const raw = rawPath(argNodes[0], locals);
        const value = compile(argNodes[0]);
        const fallback = compile(argNodes[1]);
        if (!raw || !value || !fallback) return undefined;
        const toDouble = node.meta.macro.toDouble === true;
        return (v, f) => {
          const x = raw(v, f);
          if (x !== null && x !== undefined) return value(v, f);
          const y = fallback(v, f);
          return toDouble && typeof y === 'bigint' ? Number(y) : y;
        };
      }
      return undefined;
    }
    if (name === 'double' && argNodes.length === 1) {
      const count = sizeOfList(argNodes[0]);
      if (count) return count;
    }
    const args = argNodes.map(compile);
    if (args.some((x) => x === undefined)) return undefined;
    const fns = args as Fast[];
    if (name === 'size' && fns.length === 1) {
      const x = fns[0];
      return (v, f) => {
        const list = x(v, f);
        return Array.isArray(list) && allCelValues(list) ? BigInt(list.length) : BAIL;
      };
    }
    if (name === 'double' && fns.length === 1) {
      const x = fns[0];
      return (v, f) => {
        const n = x(v, f);
        return typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : BAIL;
      };
    }
    const fn = options.numericFunctions.get(name);
    if (!fn) return undefined;
    return (v, f) => {
      const values = new Array<number>(fns.length);
      for (let i = 0; i < fns.length; i++) {
        const x = fns[i](v, f);
        if (typeof x === 'number') values[i] = x;
        else if (typeof x === 'bigint') values[i] = Number(x);
        else return BAIL;
      }
      try {
        return fn(...values);
      } catch {
        return BAIL;
      }
    };
  };

  /**
   * The parts of `list.map(x, expr)`: the list, and what an item maps to — the body, which sees x in a frame slot,
   * after the item check. When the body is just `x.key` (the common `contacts.map(c, c.phone)`), pluckField reads it
   * inline: what the item check and the field closure decide together, with the item's constructor read once.
   */
  const mapParts = (node: Ast): { list: Fast; each: Each } | undefined => {
    if (node.op !== 'rcall') return undefined;
    const [name, receiver, argNodes] = node.args as [string, Ast, Ast[]];
    if (name !== 'map' || node.meta.alternate?.op !== 'comprehension' || argNodes.length !== 2 || argNodes[0].op !== 'id') return undefined;
    const list = compile(receiver);
    if (!list) return undefined;
    const slot = frameSize++;
    const item = argNodes[0].args as string;
    locals.push({ name: item, slot });
    const body = compile(argNodes[1]);
    locals.pop();
    if (!body) return undefined;
    const [target, key] = argNodes[1].op === '.' ? (argNodes[1].args as [Ast, string]) : [];
    if (target?.op === 'id' && target.args === item) return { list, each: (x) => pluckField(x, key!) };
    return {
      list,
      each: (x, v, f) => {
        if (!isCelValue(x)) return BAIL;
        f[slot] = x;
        return body(v, f);
      },
    };
  };

  /**
   * `x in list.map(c, expr)` (is the applicant's phone among the contacts' phones?) without building the mapped list:
   * it bails exactly when the two closures would (an item or a mapped value off the nominal path, x not a string).
   */
  const membershipOfMap = (node: Ast): Fast | undefined => {
    const [needle, haystack] = node.args as [Ast, Ast];
    if (haystack.op !== 'rcall') return undefined;
    const a = compile(needle);
    const parts = a && mapParts(haystack);
    return a && parts && memberOf(a, parts.list, parts.each);
  };

  /** `list.map(x, expr)`: the list must be an array; each item maps as mapParts says. */
  const mapMacro = (node: Ast): Fast | undefined => {
    const parts = mapParts(node);
    if (!parts) return undefined;
    const { list, each } = parts;
    return (v, f) => {
      const items = list(v, f);
      if (!Array.isArray(items)) return BAIL;
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        const x = each(items[i], v, f);
        if (x === BAIL) return BAIL;
        out[i] = x;
      }
      return out;
    };
  };

  const variable = (node: Ast, scope: typeof locals): Fast | undefined => {
    const name = node.args as string;
    const slot = localSlot(scope, name);
    if (slot >= 0) return (_v, f) => f[slot];
    return readVariable(name, node.checkedType?.name);
  };

  const field = (node: Ast): Fast | undefined => {
    const [target, key] = node.args as [Ast, string];
    const type = target.checkedType?.name;
    if (type !== 'dyn' && type !== 'map<dyn, dyn>') return undefined;
    if (target.op === '.') return fieldChain(node);
    const base = compile(target);
    return base && ((v, f) => {
      const obj = base(v, f);
      const x = fieldOf(obj, key);
      return x === undefined || !isCelValue(x) ? BAIL : x;
    });
  };

  /**
   * `a.b.c`: the fields read one after another in one closure (each step what `field` does: an own key of a map, a
   * CEL value, else bail), instead of a closure per step.
   */
  const fieldChain = (node: Ast): Fast | undefined => {
    const keys: string[] = [];
    let at = node;
    while (at.op === '.') {
      const [target, key] = at.args as [Ast, string];
      const type = target.checkedType?.name;
      if (type !== 'dyn' && type !== 'map<dyn, dyn>') return undefined;
      keys.unshift(key);
      at = target;
    }
    const base = compile(at);
    if (!base) return undefined;
    const n = keys.length;
    return (v, f) => {
      let obj = base(v, f);
      for (let i = 0; i < n; i++) {
        const x = fieldOf(obj, keys[i]);
        if (x === undefined || !isCelValue(x)) return BAIL;
        obj = x;
      }
      return obj;
    };
  };

  const fast = compile(root as Ast);
  if (!fast) return undefined;
  const size = frameSize;
  // Without map() there are no iteration variables: no closure reads the frame, and the expression is called as is.
  if (size === 0) return fast as (vars: Readonly<Record<string, unknown>>) => unknown;
  return (vars) => fast(vars, new Array(size));
}

/** `variable OP number` with a double variable: a caller may test it inline (see CompiledExpression.comparison). */
export interface SimpleComparison {
  readonly variable: string;
  readonly op: '<' | '<=' | '>' | '>=';
  readonly value: number;
}

/** An expression that is just a `double` or `bool` variable (see CompiledExpression.identifier). */
export interface PlainVariable {
  readonly variable: string;
  readonly type: 'double' | 'bool';
}

export function plainVariable(root: unknown): PlainVariable | undefined {
  const node = root as Ast;
  const type = node.checkedType?.name;
  if (node.op !== 'id' || (type !== 'double' && type !== 'bool')) return undefined;
  return { variable: node.args as string, type };
}

/** The root of an expression as a SimpleComparison, when it is one. */
export function simpleComparison(root: unknown): SimpleComparison | undefined {
  const node = root as Ast;
  if (node.op !== '<' && node.op !== '<=' && node.op !== '>' && node.op !== '>=') return undefined;
  const [l, r] = node.args as [Ast, Ast];
  if (l.op !== 'id' || l.checkedType?.name !== 'double' || r.op !== 'value') return undefined;
  const lit = r.args as unknown;
  if (typeof lit !== 'number' && !(typeof lit === 'bigint' && exact(lit))) return undefined;
  return { variable: l.args as string, op: node.op, value: Number(lit) };
}

/**
 * The most common rule, `double_variable OP number`, as one closure (a read, a type check, a comparison) instead of
 * three. The literal must be exact as a double, so comparing it as a number is what cel-js's int/double overloads do.
 */
function variableAgainstNumber(node: Ast, locals: readonly { readonly name: string }[]): Fast | undefined {
  const [l, r] = node.args as [Ast, Ast];
  if (l.op !== 'id' || l.checkedType?.name !== 'double' || r.op !== 'value') return undefined;
  const name = l.args as string;
  if (locals.some((x) => x.name === name)) return undefined;
  const lit = r.args as unknown;
  if (typeof lit !== 'number' && !(typeof lit === 'bigint' && exact(lit))) return undefined;
  const n = Number(lit);
  switch (node.op) {
    case '<': return (v) => { const x = v[name]; return typeof x === 'number' ? x < n : BAIL; };
    case '<=': return (v) => { const x = v[name]; return typeof x === 'number' ? x <= n : BAIL; };
    case '>': return (v) => { const x = v[name]; return typeof x === 'number' ? x > n : BAIL; };
    case '>=': return (v) => { const x = v[name]; return typeof x === 'number' ? x >= n : BAIL; };
    default: return undefined;
  }
}

/** The raw value at a variable or field path (present/value_or), without type checks; undefined when absent. */
function rawPath(node: Ast, locals: readonly { readonly name: string; readonly slot: number }[]): Fast | undefined {
  if (node.op === 'id') {
    const name = node.args as string;
    const slot = localSlot(locals, name);
    if (slot >= 0) return (_v, f) => f[slot];
    return (v) => v[name];
  }
  if (node.op !== '.') return undefined;
  const [target, key] = node.args as [Ast, string];
  const base = rawPath(target, locals);
  return base && ((v, f) => {
    const obj = base(v, f);
    if (obj === null || obj === undefined) return undefined;
    if (obj instanceof Map) return obj.get(key);
    if (typeof obj === 'object' && Object.hasOwn(obj, key)) return (obj as Record<string, unknown>)[key];
    return undefined;
  });
}

/** What one item of a list stands for in a membership test or a map: its value, or BAIL. */
type Each = (item: unknown, vars: Readonly<Record<string, unknown>>, frame: Frame) => unknown;

/** `x in list`, each item standing for `each(item)`: a string x among strings, else bail (cel-js decides). */
function memberOf(a: Fast, list: Fast, each: Each): Fast {
  return (v, f) => {
    const x = a(v, f);
    const items = list(v, f);
    if (typeof x !== 'string' || !Array.isArray(items)) return BAIL;
    let found = false;
    for (let i = 0; i < items.length; i++) {
      const y = each(items[i], v, f);
      if (typeof y !== 'string') return BAIL;
      if (y === x) found = true;
    }
    return found;
  };
}

function localSlot(locals: readonly { readonly name: string; readonly slot: number }[], name: string): number {
  for (let i = locals.length - 1; i >= 0; i--) if (locals[i].name === name) return locals[i].slot;
  return -1;
}

function literal(value: unknown): Fast | undefined {
  switch (typeof value) {
    case 'number': case 'bigint': case 'string': case 'boolean': return () => value;
    default: return value === null ? () => null : undefined;
  }
}

/** A root variable, checked against its declared type as cel-js checks it (a mismatch or absence bails). */
function readVariable(name: string, type: string | undefined): Fast | undefined {
  switch (type) {
    case 'double': return (v) => { const x = v[name]; return typeof x === 'number' ? x : BAIL; };
    case 'bool': return (v) => { const x = v[name]; return typeof x === 'boolean' ? x : BAIL; };
    case 'string': return (v) => { const x = v[name]; return typeof x === 'string' ? x : BAIL; };
    case 'int': return (v) => {
      // Argus passes int variables as JS integers; cel-js is handed them as BigInt (toCelVariables).
      const x = v[name];
      return typeof x === 'bigint' ? x : typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : BAIL;
    };
    case 'map<dyn, dyn>': return (v) => { const x = v[name]; return isMap(x) ? x : BAIL; };
    case 'list<dyn>': return (v) => { const x = v[name]; return Array.isArray(x) ? x : BAIL; };
    case 'dyn': return (v) => { const x = v[name]; return x !== undefined && isCelValue(x) ? x : BAIL; };
    default: return undefined;
  }
}

function isMap(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const c = x.constructor;
  return c === Object || c === undefined || c === Map;
}

/** A value cel-js accepts as it is: scalars, null, plain objects, Maps, arrays, Sets. */
function isCelValue(x: unknown): boolean {
  switch (typeof x) {
    case 'string': case 'number': case 'boolean': case 'bigint': return true;
    case 'object': {
      if (x === null) return true;
      const c = x.constructor;
      return c === Object || c === undefined || c === Array || c === Map || c === Set;
    }
    default: return false;
  }
}

/**
 * Every item, all the way down, a value cel-js takes: it refuses to size a list holding anything else anywhere inside
 * (a class instance; from JSON, an object whose own key `constructor` hides its type), so such a list is left to it.
 */
function allCelValues(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!isCelTree(list[i])) return false;
  return true;
}

function isCelTree(x: unknown): boolean {
  if (!isCelValue(x)) return false;
  if (typeof x !== 'object' || x === null) return true;
  if (Array.isArray(x)) return allCelValues(x);
  if (x instanceof Map || x instanceof Set) {
    for (const [k, v] of x instanceof Map ? x : [...x].map((v) => [v, v])) if (!isCelTree(k) || !isCelTree(v)) return false;
    return true;
  }
  for (const key in x) if (Object.hasOwn(x, key) && !isCelTree((x as Record<string, unknown>)[key])) return false;
  return true;
}

/** An item's field inside map(x, x.key): the item check and the field closure's decisions together. Else BAIL. */
function pluckField(item: unknown, key: string): unknown {
  // Not an object (or null): a scalar passes the item check and has no fields; anything else fails it.
  if (typeof item !== 'object' || item === null) return BAIL;
  const c = item.constructor;
  let x: unknown;
  if (c === Object || c === undefined) x = Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined;
  else if (c === Map) x = (item as Map<unknown, unknown>).get(key);
  else return BAIL; // an Array or Set passes the item check but has no fields; other objects fail it
  return x === undefined || !isCelValue(x) ? BAIL : x;
}

function fieldOf(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const c = obj.constructor;
  if (c === Object || c === undefined) return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
  if (c === Map) return (obj as Map<unknown, unknown>).get(key);
  return undefined;
}

/**
 * `x == literal` (either way round; == is symmetric): the common case — a number against a number or an exact int
 * literal (`count == 0`), a string against a string — compared at once, everything else as scalarEquals decides.
 */
function equalsLiteral(x: Fast, literal: unknown, negate: boolean): Fast | undefined {
  let type: string;
  let same: unknown;
  if (typeof literal === 'number' || typeof literal === 'string') {
    type = typeof literal;
    same = literal;
  } else if (typeof literal === 'bigint' && exact(literal)) {
    type = 'number';
    same = Number(literal);
  } else {
    return undefined;
  }
  return (v, f) => {
    const y = x(v, f);
    if (typeof y === type) return negate ? y !== same : y === same;
    const eq = scalarEquals(y, literal);
    return eq === BAIL ? BAIL : negate ? !eq : eq;
  };
}

/** CEL == on like-typed scalars (and a double against an exactly representable int); anything else bails. */
function scalarEquals(l: unknown, r: unknown): boolean | typeof BAIL {
  const tl = typeof l;
  const tr = typeof r;
  if (tl === tr) return tl === 'number' || tl === 'string' || tl === 'boolean' || tl === 'bigint' ? l === r : BAIL;
  if (tl === 'number' && tr === 'bigint') return exact(r as bigint) ? l === Number(r) : BAIL;
  if (tl === 'bigint' && tr === 'number') return exact(l as bigint) ? Number(l) === r : BAIL;
  return BAIL;
}

function exact(x: bigint): boolean {
  return x <= MAX_EXACT && x >= -MAX_EXACT;
}
