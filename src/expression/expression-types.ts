// The public shapes of the expression engine: CEL types, declarations, limits, compiled expressions and problems.
// Types only; the engine that produces these lives in expression-engine.ts.

/**
 * A CEL type name as cel-js understands it: 'bool', 'int', 'double', 'string', 'bytes', 'timestamp', 'duration',
 * 'null_type', 'dyn', 'map', 'list', or a parameterised form such as 'list<string>' or 'map<string, double>'.
 * Argus numbers are JavaScript numbers, which CEL calls `double`: declare numeric inputs as 'double'.
 */
export type CelType = string;

/** Variable name -> CEL type. Without declarations every free identifier is accepted as `dyn`. */
export type Declarations = Readonly<Record<string, CelType>>;

export interface ExpressionLimits {
  /** Characters of source text. */
  readonly maxSourceLength: number;
  /** Nodes of the parsed tree. */
  readonly maxAstNodes: number;
  /** Nesting depth of the parsed tree (parentheses, calls, member chains). */
  readonly maxDepth: number;
  /** Characters of one string literal. */
  readonly maxStringLiteral: number;
  /** Characters of a string result (and of strings in a list/map result). */
  readonly maxResultString: number;
  /**
   * How many times its largest input (plus its literals) any string or list an expression builds may be, by a static
   * bound (size-growth.ts): values are only measured when returned, and one can be built huge and never returned.
   */
  readonly maxSizeGrowth: number;
  /** Nested comprehensions (all/exists/exists_one/map/filter) and cel.bind scopes, which multiply work. */
  readonly maxScopeNesting: number;
  readonly maxListElements: number;
  readonly maxMapEntries: number;
  readonly maxCallArguments: number;
}

export interface CompileOptions {
  /** The type the expression must produce ('bool' for a rule condition). A `dyn` result is checked at evaluation. */
  readonly expect?: CelType;
}

/** An expression parsed, type-checked and sandbox-checked once; evaluate it as often as needed. */
export interface CompiledExpression {
  readonly source: string;
  /** The checked result type ('bool', 'double', 'dyn', ...). */
  readonly type: CelType;
  /** Root variables the expression reads, in first-use order (iteration variables excluded). */
  readonly variables: readonly string[];
  /**
   * Evaluates with the given variables. CEL ints come back as JS numbers (error if beyond ±2^53); variables declared
   * 'int' may be passed as numbers (converted to BigInt). Throws RiskError EXPRESSION_VARIABLE_MISSING when a read
   * variable is null or absent, EXPRESSION_EVAL_FAILED on a runtime error.
   */
  evaluate(variables: Readonly<Record<string, unknown>>): unknown;
  /**
   * A cheap pre-check: the name of a variable the expression reads unconditionally that is null or absent (so
   * evaluate would throw EXPRESSION_VARIABLE_MISSING for it), or undefined. For expressions that read variables
   * conditionally (&&, ||, ?:, macros, present/value_or) it always answers undefined: evaluate to find out.
   */
  missingIn(variables: Readonly<Record<string, unknown>>): string | undefined;
  /** Whether the expression has a fast path (closures over the checked AST; cel-js whenever it bails). */
  readonly fastPath: boolean;
  /**
   * Set when the expression is `variable OP number` with a double variable, so a caller can test it inline: a number
   * compares as evaluate would, null or absent is the missing read missingIn reports, anything else needs evaluate.
   */
  readonly comparison?: { readonly variable: string; readonly op: '<' | '<=' | '>' | '>='; readonly value: number };
  /**
   * Set when the expression is just a `double` or `bool` variable: a finite number (double) or a boolean (bool) is
   * what evaluate returns, null or absent is the missing read missingIn reports, anything else needs evaluate.
   */
  readonly identifier?: { readonly variable: string; readonly type: 'double' | 'bool' };
}

/** One authoring problem; `start`/`end` are character offsets into the source when known. */
export interface ExpressionProblem {
  readonly code: string;
  readonly message: string;
  readonly start?: number;
  readonly end?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ExpressionCheck {
  readonly ok: boolean;
  /** The result type when ok. */
  readonly type?: CelType;
  readonly variables: readonly string[];
  readonly problems: readonly ExpressionProblem[];
}

/** A function callable from rules. Handlers must be pure and synchronous: same inputs, same output, no I/O. */
export interface ExpressionFunction {
  /** cel-js signature, e.g. 'clamp(double, double, double): double' or 'string.masked(): string'. */
  readonly signature: string;
  readonly handler: (...args: any[]) => unknown;
  readonly description?: string;
}
