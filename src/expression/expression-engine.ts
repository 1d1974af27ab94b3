// Compiles CEL source once into a checked, sandboxed evaluator (cel-js underneath), and checks source for authoring,
// collecting every problem it can find. One engine per function registry and limits; cheap to compile against.
import { Environment } from '@marcbachmann/cel-js';
import { RiskError } from '../core/index.js';
import { evaluationFailure, problemFromCel, riskErrorFromProblem, sourceExcerpt } from './cel-errors.js';
import type {
  CelType, CompileOptions, CompiledExpression, Declarations, ExpressionCheck, ExpressionLimits, ExpressionProblem,
} from './expression-types.js';
import { numericImplementation } from './builtin-functions.js';
import { BAIL, compileFastPath, plainVariable, simpleComparison } from './fast-path.js';
import { FunctionRegistry } from './function-registry.js';
import { registerNumericOperators } from './numeric-operators.js';
import { fromCel, toCelVariables } from './result-conversion.js';
import { guardAst } from './sandbox-guard.js';
import { sizeGrowthProblem } from './size-growth.js';

export const DEFAULT_LIMITS: ExpressionLimits = Object.freeze({
  maxSourceLength: 8192,
  maxAstNodes: 1000,
  maxDepth: 32,
  maxStringLiteral: 1024,
  maxResultString: 65536,
  maxSizeGrowth: 64,
  maxScopeNesting: 3,
  maxListElements: 256,
  maxMapEntries: 256,
  maxCallArguments: 16,
});

export interface ExpressionEngineOptions {
  readonly functions?: FunctionRegistry;
  readonly limits?: Partial<ExpressionLimits>;
  /** Evaluate through the closures of fast-path.ts where they cover an expression (default true; false: cel-js only). */
  readonly fastPath?: boolean;
}

type ParsedCel = ((ctx?: Record<string, unknown>) => unknown) & {
  ast: unknown;
  check(): { valid: boolean; type?: string; error?: unknown };
};

interface Prepared {
  readonly parsed?: ParsedCel;
  readonly env?: Environment;
  readonly identifiers: readonly string[];
  readonly conditional?: boolean;
  /** Problems found before type checking (source size, syntax, sandbox). */
  readonly problems: ExpressionProblem[];
}

export class ExpressionEngine {
  readonly limits: ExpressionLimits;
  private readonly base: Environment;
  private readonly functions: FunctionRegistry;
  /** Functions the fast path may call directly: every overload of the name is the same numeric built-in. */
  private readonly numericFunctions: Map<string, (...args: number[]) => unknown>;
  private readonly fastPath: boolean;
  private readonly typeNames = new Map<string, boolean>();

  constructor(options: ExpressionEngineOptions = {}) {
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...options.limits });
    this.functions = options.functions ?? FunctionRegistry.withBuiltins();
    const { maxAstNodes, maxDepth, maxListElements, maxMapEntries, maxCallArguments } = this.limits;
    const env = new Environment({
      limits: { maxAstNodes, maxDepth, maxListElements, maxMapEntries, maxCallArguments },
      homogeneousAggregateLiterals: false,
    });
    registerNumericOperators(env);
    for (const macro of this.functions.macros()) env.registerFunction(macro.signature, macro.expand as never);
    for (const fn of this.functions.entries()) env.registerFunction(fn.signature, fn.handler as never);
    this.base = env;
    this.numericFunctions = numericFunctionsOf(this.functions);
    this.fastPath = options.fastPath !== false;
  }

  /** Signatures and descriptions of the callable functions. */
  describeFunctions(): { signature: string; description: string }[] {
    return this.functions.describe();
  }

  /**
   * Whether `type` is a CEL type a variable can be declared with ('double', 'list<string>', ...). Declarations with
   * an unknown type make compile and check throw, so callers declaring authored types ask first.
   */
  knownType(type: unknown): boolean {
    if (typeof type !== 'string' || type === '') return false;
    let known = this.typeNames.get(type);
    if (known === undefined) {
      try {
        this.base.clone().registerVariable('t', type);
        known = true;
      } catch {
        known = false;
      }
      if (this.typeNames.size < 1024) this.typeNames.set(type, known);
    }
    return known;
  }

  /** Compiles or throws the first problem as a RiskError (EXPRESSION_*). */
  compile(source: string, declarations?: Declarations, options: CompileOptions = {}): CompiledExpression {
    const prepared = this.prepare(source, declarations);
    if (prepared.problems.length > 0) throw riskErrorFromProblem(prepared.problems[0], source);
    const parsed = prepared.parsed!;
    const checked = parsed.check();
    if (!checked.valid) throw riskErrorFromProblem(problemFromCel(checked.error), source);
    const type = checked.type ?? 'dyn';
    const mismatch = resultTypeProblem(type, options.expect) ?? sizeGrowthProblem(parsed.ast, this.limits);
    if (mismatch) throw riskErrorFromProblem(mismatch, source);
    return this.build(source, parsed, type, prepared.identifiers, prepared.conditional === true, declarations, options.expect);
  }

  /** Collects every problem it can: size and syntax (which stop the check), sandbox, all undefined variables, types. */
  check(source: string, declarations?: Declarations, options: CompileOptions = {}): ExpressionCheck {
    const prepared = this.prepare(source, declarations);
    const problems = [...prepared.problems];
    const variables = declaredOnly(prepared.identifiers, declarations);
    if (!prepared.parsed || !prepared.env) return { ok: false, variables, problems };
    let env = prepared.env;
    let parsed = prepared.parsed;
    // cel-js stops at the first type error; an undefined variable is recorded, declared dyn, and the check re-run.
    for (let round = 0; round <= prepared.identifiers.length; round++) {
      const checked = parsed.check();
      if (checked.valid) {
        const mismatch = resultTypeProblem(checked.type ?? 'dyn', options.expect);
        if (mismatch) problems.push(mismatch);
        const growth = sizeGrowthProblem(parsed.ast, this.limits);
        if (growth) problems.push(growth);
        return { ok: problems.length === 0, type: checked.type, variables, problems };
      }
      const problem = problemFromCel(checked.error);
      problems.push(problem);
      const name = problem.details?.variable;
      if (problem.code !== 'EXPRESSION_VARIABLE_UNDEFINED' || typeof name !== 'string') break;
      env = env.clone().registerVariable(name, 'dyn');
      parsed = env.parse(source) as ParsedCel;
    }
    return { ok: false, variables, problems };
  }

  private prepare(source: string, declarations: Declarations | undefined): Prepared {
    if (typeof source !== 'string' || source.trim() === '') {
      return { identifiers: [], problems: [{ code: 'EXPRESSION_SYNTAX_INVALID', message: 'the expression is empty' }] };
    }
    if (source.length > this.limits.maxSourceLength) {
      return {
        identifiers: [],
        problems: [{
          code: 'EXPRESSION_LIMIT_EXCEEDED',
          message: `the expression holds ${source.length} characters; the limit is ${this.limits.maxSourceLength}`,
          details: { limit: 'maxSourceLength', value: this.limits.maxSourceLength },
        }],
      };
    }
    const env = this.environmentFor(declarations);
    let parsed: ParsedCel;
    try {
      parsed = env.parse(source) as ParsedCel;
    } catch (err) {
      return { identifiers: [], problems: [problemFromCel(err)] };
    }
    const guard = guardAst(parsed.ast, this.limits);
    return { parsed, env, identifiers: guard.identifiers, conditional: guard.conditional, problems: guard.problems };
  }

  private environmentFor(declarations: Declarations | undefined): Environment {
    if (declarations === undefined) return this.base.clone({ unlistedVariablesAreDyn: true });
    const env = this.base.clone();
    for (const [name, type] of Object.entries(declarations)) {
      try {
        env.registerVariable(name, type);
      } catch (err) {
        throw new RiskError('EXPRESSION_TYPE_INVALID', `variable "${name}" has an unknown type "${type}"`, {
          variable: name, type, cause: (err as Error).message,
        });
      }
    }
    return env;
  }

  private build(
    source: string, parsed: ParsedCel, type: CelType, identifiers: readonly string[], conditional: boolean,
    declarations: Declarations | undefined, expect: CelType | undefined,
  ): CompiledExpression {
    const variables = declaredOnly(identifiers, declarations);
    const intVariables = variables.filter((v) => declarations?.[v] === 'int');
    const maxString = this.limits.maxResultString;
    const label = sourceExcerpt(source);
    const checkResult = type === 'dyn' && expect !== undefined && expect !== 'dyn' ? runtimeTypeCheck(expect, label) : undefined;
    // cel-js's checked AST turned into closures where every part is covered; cel-js evaluates whenever it bails.
    const fast = this.fastPath ? compileFastPath(parsed.ast, { numericFunctions: this.numericFunctions }) : undefined;
    // A boolean needs no conversion, and passes the result check unless something other than bool is expected.
    const boolPasses = checkResult === undefined || expect === 'bool';
    const evaluate = (input: Readonly<Record<string, unknown>>): unknown => {
      let raw: unknown = fast === undefined ? BAIL : fast(input);
      if (typeof raw === 'boolean' && boolPasses) return raw;
      if (raw === BAIL) {
        try {
          raw = parsed(toCelVariables(input, intVariables) as Record<string, unknown>);
        } catch (err) {
          throw evaluationFailure(err, label, input);
        }
      }
      if (raw instanceof Promise) {
        throw new RiskError('EXPRESSION_EVAL_FAILED', 'an expression function returned a promise', { source: label, celCode: 'async' });
      }
      const value = fromCel(raw, maxString, label);
      if (checkResult) checkResult(value);
      return value;
    };
    // Throwing is costly (cel-js builds an error, we build another): a missing strict read is found without it.
    const strict = conditional ? [] : variables.filter((v) => declarations?.[v] !== undefined && declarations[v] !== 'dyn');
    const missingIn = (input: Readonly<Record<string, unknown>>): string | undefined => {
      for (let i = 0; i < strict.length; i++) {
        const v = input[strict[i]];
        if (v === null || v === undefined) return strict[i];
      }
      return undefined;
    };
    const comparison = fast !== undefined && !conditional ? simpleComparison(parsed.ast) : undefined;
    const identifier = fast !== undefined ? plainVariable(parsed.ast) : undefined;
    return Object.freeze({
      source, type, variables, evaluate, missingIn, fastPath: fast !== undefined,
      ...(comparison ? { comparison } : {}), ...(identifier ? { identifier } : {}),
    });
  }
}

function numericFunctionsOf(registry: FunctionRegistry): Map<string, (...args: number[]) => unknown> {
  const byName = new Map<string, ((...args: number[]) => unknown) | null>();
  for (const fn of registry.entries()) {
    const name = /^([A-Za-z_]\w*)\(/.exec(fn.signature)?.[1];
    if (name === undefined) continue;
    const impl = numericImplementation(fn.handler) ?? null;
    const known = byName.get(name);
    byName.set(name, known === undefined || known === impl ? impl : null);
  }
  const out = new Map<string, (...args: number[]) => unknown>();
  for (const [name, impl] of byName) if (impl) out.set(name, impl);
  return out;
}

function declaredOnly(identifiers: readonly string[], declarations: Declarations | undefined): string[] {
  if (declarations === undefined) return identifiers.filter((id) => id !== 'cel');
  return identifiers.filter((id) => Object.hasOwn(declarations, id));
}

function resultTypeProblem(type: CelType, expect: CelType | undefined): ExpressionProblem | undefined {
  if (expect === undefined || expect === 'dyn' || type === expect || type === 'dyn') return undefined;
  if (expect === 'double' && type === 'int') return undefined;
  return {
    code: 'EXPRESSION_TYPE_INVALID',
    message: `the expression produces ${type}; ${expect} is required here`,
    details: { type, expected: expect },
  };
}

const JS_TYPE: Readonly<Record<string, string>> = { bool: 'boolean', double: 'number', int: 'number', string: 'string' };

function runtimeTypeCheck(expect: CelType, source: string): ((value: unknown) => void) | undefined {
  const jsType = JS_TYPE[expect];
  if (!jsType) return undefined;
  return (value) => {
    if (typeof value !== jsType) {
      throw new RiskError('EXPRESSION_TYPE_INVALID', `the expression produced ${value === null ? 'null' : typeof value}; ${expect} is required`, {
        source, expected: expect,
      });
    }
  };
}
