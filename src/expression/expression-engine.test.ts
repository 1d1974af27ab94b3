import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import { ExpressionEngine, FunctionRegistry, checkExpression, compileExpression } from './index.js';

const D = { amount: 'double', income: 'double', count: 'int', app: 'map', scores: 'list<double>', channel: 'string' };

const codeOf = riskErrorCode;

test('compiles once and evaluates many times with different variables', () => {
  const rule = compileExpression('amount > 3 * income && channel == "web"', D, { expect: 'bool' });
  assert.equal(rule.type, 'bool');
  assert.deepEqual(rule.variables, ['amount', 'income', 'channel']);
  assert.equal(rule.evaluate({ amount: 10_000, income: 3000, channel: 'web' }), true);
  assert.equal(rule.evaluate({ amount: 5000, income: 3000, channel: 'web' }), false);
  assert.equal(rule.evaluate({ amount: 10_000, income: 3000, channel: 'app' }), false);
});

test('mixes int literals with double inputs and returns plain numbers', () => {
  assert.equal(compileExpression('amount + 1', D).evaluate({ amount: 2.5 }), 3.5);
  assert.equal(compileExpression('amount == 4', D).evaluate({ amount: 4 }), true);
  assert.equal(compileExpression('amount in [1, 2, 4]', D).evaluate({ amount: 4 }), true);
  assert.equal(compileExpression('app.termMonths * 2', D).evaluate({ app: { termMonths: 12 } }), 24);
  // An int-declared variable accepts a JS integer; CEL int results come back as numbers, not BigInt.
  const doubled = compileExpression('count * 2', D).evaluate({ count: 21 });
  assert.equal(doubled, 42);
  assert.equal(typeof doubled, 'number');
  assert.deepEqual(compileExpression('[1, 2].map(i, i * 10)', D).evaluate({}), [10, 20]);
});

test('a null or absent variable is an explicit EXPRESSION_VARIABLE_MISSING, never a silent false', () => {
  const rule = compileExpression('amount > 1000', D);
  assert.equal(codeOf(() => rule.evaluate({ amount: null })), 'EXPRESSION_VARIABLE_MISSING');
  assert.equal(codeOf(() => rule.evaluate({})), 'EXPRESSION_VARIABLE_MISSING');
});

test('present() and value_or() let a rule handle missing values on purpose', () => {
  const guarded = compileExpression('present(amount) && amount > 1000', D);
  assert.equal(guarded.evaluate({ amount: null }), false);
  assert.equal(guarded.evaluate({ amount: 2000 }), true);
  const fallback = compileExpression('value_or(amount, 0) + 1', D);
  assert.equal(fallback.evaluate({ amount: null }), 1);
  assert.equal(fallback.evaluate({ amount: 9 }), 10);
  assert.equal(compileExpression('present(app.applicant.income)', D).evaluate({ app: { applicant: {} } }), false);
  assert.equal(compileExpression('present(app.applicant.income)', D).evaluate({ app: { applicant: { income: 0 } } }), true);
});

test('compile reports the first problem with a stable code', () => {
  assert.equal(codeOf(() => compileExpression('amount > > 1', D)), 'EXPRESSION_SYNTAX_INVALID');
  assert.equal(codeOf(() => compileExpression('', D)), 'EXPRESSION_SYNTAX_INVALID');
  assert.equal(codeOf(() => compileExpression('debt > 1', D)), 'EXPRESSION_VARIABLE_UNDEFINED');
  assert.equal(codeOf(() => compileExpression('amount + "x"', D)), 'EXPRESSION_TYPE_INVALID');
  assert.equal(codeOf(() => compileExpression('nosuchfn(amount)', D)), 'EXPRESSION_TYPE_INVALID');
  assert.equal(codeOf(() => compileExpression('amount + 1', D, { expect: 'bool' })), 'EXPRESSION_TYPE_INVALID');
  assert.equal(codeOf(() => compileExpression('x', { x: 'notatype<' })), 'EXPRESSION_TYPE_INVALID');
});

test('checkExpression collects every problem instead of stopping at the first', () => {
  const result = checkExpression('debt > 1 && arrears > 2 && app.constructor == 1 && amount + "x" == 1', D);
  assert.equal(result.ok, false);
  const codes = result.problems.map((p) => p.code);
  assert.deepEqual(codes, [
    'EXPRESSION_ACCESS_FORBIDDEN',
    'EXPRESSION_VARIABLE_UNDEFINED',
    'EXPRESSION_VARIABLE_UNDEFINED',
    'EXPRESSION_TYPE_INVALID',
  ]);
  assert.deepEqual(result.problems.filter((p) => p.code === 'EXPRESSION_VARIABLE_UNDEFINED').map((p) => p.details?.variable), ['debt', 'arrears']);
  assert.ok(result.problems.every((p) => p.code === 'EXPRESSION_ACCESS_FORBIDDEN' || typeof p.start === 'number'));
  assert.deepEqual(checkExpression('amount > 1', D, { expect: 'bool' }), { ok: true, type: 'bool', variables: ['amount'], problems: [] });
});

test('runtime failures are coded errors, not answers', () => {
  assert.equal(codeOf(() => compileExpression('ratio(amount, income) > 1', D).evaluate({ amount: 1, income: 0 })), 'EXPRESSION_EVAL_FAILED');
  assert.equal(codeOf(() => compileExpression('count / 0', D).evaluate({ count: 1 })), 'EXPRESSION_EVAL_FAILED');
  assert.equal(codeOf(() => compileExpression('amount / 0.0', D).evaluate({ amount: 0 })), 'EXPRESSION_EVAL_FAILED');
  assert.equal(codeOf(() => compileExpression('app.missing > 1', D).evaluate({ app: {} })), 'EXPRESSION_EVAL_FAILED');
  // A dyn result is checked against the expected type at evaluation.
  const dynRule = compileExpression('flag', undefined, { expect: 'bool' });
  assert.equal(dynRule.evaluate({ flag: true }), true);
  assert.equal(codeOf(() => dynRule.evaluate({ flag: 3 })), 'EXPRESSION_TYPE_INVALID');
});

test('built-in numeric functions accept ints and doubles alike', () => {
  const e = (src: string, vars: Record<string, unknown> = {}) => compileExpression(src, D).evaluate(vars);
  assert.equal(e('clamp(amount, 0, 1)', { amount: 3.5 }), 1);
  assert.equal(e('min(amount, 10)', { amount: 3.5 }), 3.5);
  assert.equal(e('max(1, 2)'), 2);
  assert.equal(e('between(amount, 1, 5)', { amount: 5 }), true);
  assert.equal(e('round(amount)', { amount: 2.5 }), 3);
  assert.equal(e('ratio(amount, 4)', { amount: 2 }), 0.5);
});

test('a deployment can register its own pure functions', () => {
  const functions = FunctionRegistry.withBuiltins().register({
    signature: 'band(double): string',
    handler: (x: number) => (x < 600 ? 'low' : 'high'),
    description: 'score band',
  });
  const engine = new ExpressionEngine({ functions });
  assert.equal(engine.compile('band(score)', { score: 'double' }).evaluate({ score: 700 }), 'high');
  assert.ok(engine.describeFunctions().some((f) => f.signature === 'band(double): string'));
  assert.equal(codeOf(() => functions.register({ signature: 'band(double): string', handler: () => 'x' })), 'EXPRESSION_FUNCTION_CONFLICT');
  assert.equal(codeOf(() => functions.register({ signature: 'nonsense', handler: () => 'x' })), 'EXPRESSION_FUNCTION_INVALID');
  assert.equal(codeOf(() => functions.register({ signature: 'later(double): double', handler: async () => 1 })), 'EXPRESSION_FUNCTION_INVALID');
});

test('without declarations every free identifier is dyn', () => {
  const rule = compileExpression('a.b > 1 && c', undefined);
  assert.deepEqual(rule.variables, ['a', 'c']);
  assert.equal(rule.evaluate({ a: { b: 3 }, c: true }), true);
});

test('knownType says which authored types can be declared (declaring any other makes compile throw)', () => {
  const engine = new ExpressionEngine();
  for (const type of ['double', 'string', 'bool', 'int', 'dyn', 'map', 'list<string>', 'map<string, double>']) assert.equal(engine.knownType(type), true, type);
  for (const type of ['nonsense', 'list<nonsense>', 'Double', '', 5, null, { type: 'map' }, ['double']]) assert.equal(engine.knownType(type), false, String(type));
  assert.equal(codeOf(() => engine.compile('x', { x: 'nonsense' })), 'EXPRESSION_TYPE_INVALID');
});
