// Mixed int/double arithmetic. CEL has no implicit numeric conversion, so `amount + 1` fails when amount is a double;
// Argus inputs are JS numbers (doubles) and rule authors write integer literals, so we add the mixed overloads,
// promoting to double. Comparisons between int and double are already defined by cel-js.

interface OperatorTarget {
  registerOperator(signature: string, handler: (a: any, b: any) => unknown): unknown;
}

export function registerNumericOperators(env: OperatorTarget): void {
  const ops: Record<string, (a: number, b: number) => number> = {
    '+': (a, b) => a + b,
    '-': (a, b) => a - b,
    '*': (a, b) => a * b,
    '/': (a, b) => a / b,
  };
  for (const [op, fn] of Object.entries(ops)) {
    env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => fn(a, Number(b)));
    env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => fn(Number(a), b));
  }
  // cel-js derives int == double and both != forms from this one overload.
  env.registerOperator('double == int', (a: number, b: bigint) => a === Number(b));
  env.registerOperator('double in list<int>', (a: number, list: readonly bigint[]) => list.some((v) => Number(v) === a));
  env.registerOperator('int in list<double>', (a: bigint, list: readonly number[]) => list.includes(Number(a)));
}
