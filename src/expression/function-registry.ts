// The functions a rule may call, by cel-js signature. Start from the built-ins, add a deployment's own, then hand the
// registry to an ExpressionEngine (which reads it once; later additions need a new engine).
import { RiskError } from '../core/index.js';
import { BUILTIN_FUNCTIONS, MISSING_MACROS, type MacroDefinition } from './builtin-functions.js';
import type { ExpressionFunction } from './expression-types.js';

const SIGNATURE = /^([A-Za-z_][\w.<>, ]*?\.)?([A-Za-z_]\w*)\((.*)\)\s*:\s*([\w.<>, ]+)$/;

export class FunctionRegistry {
  private readonly functions: ExpressionFunction[] = [];
  private readonly signatures = new Set<string>();

  /** A registry holding Argus's built-in functions (see docs/expression.md). */
  static withBuiltins(): FunctionRegistry {
    const registry = new FunctionRegistry();
    for (const fn of BUILTIN_FUNCTIONS) registry.register(fn);
    return registry;
  }

  register(fn: ExpressionFunction): this {
    const signature = fn.signature.trim();
    if (!SIGNATURE.test(signature)) {
      throw new RiskError('EXPRESSION_FUNCTION_INVALID', `"${signature}" is not a function signature like "f(double): bool"`, { signature });
    }
    if (this.signatures.has(signature)) {
      throw new RiskError('EXPRESSION_FUNCTION_CONFLICT', `a function "${signature}" is already registered`, { signature });
    }
    if (fn.handler.constructor.name === 'AsyncFunction') {
      throw new RiskError('EXPRESSION_FUNCTION_INVALID', 'expression functions must be synchronous', { signature });
    }
    this.signatures.add(signature);
    this.functions.push({ ...fn, signature });
    return this;
  }

  entries(): readonly ExpressionFunction[] {
    return this.functions;
  }

  macros(): readonly MacroDefinition[] {
    return MISSING_MACROS;
  }

  /** Signature and description of every function and macro, for docs and the authoring UI. */
  describe(): { signature: string; description: string }[] {
    return [
      ...MISSING_MACROS.map((m) => ({ signature: m.signature.replace(/ast/g, 'x').replace('(x, x)', '(x, fallback)'), description: m.description })),
      ...this.functions.map((f) => ({ signature: f.signature, description: f.description ?? '' })),
    ];
  }
}
