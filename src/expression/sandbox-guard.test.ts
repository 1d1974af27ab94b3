import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskErrorCode } from '../../test/support/risk-error-code.js';
import { ExpressionEngine, compileExpression } from './index.js';

const D = { m: 'map', s: 'string', l: 'list<double>', key: 'string' };

const codeOf = riskErrorCode;

test('prototype and constructor access is rejected when the rule is compiled', () => {
  for (const src of ['m.constructor', 'm.__proto__', 'm["constructor"]', 'm.prototype', 'has(m.__proto__)', 's.constructor', 'm.toString']) {
    assert.equal(codeOf(() => compileExpression(src, D)), 'EXPRESSION_ACCESS_FORBIDDEN', src);
  }
});

test('a computed key never reaches inherited members', () => {
  const rule = compileExpression('m[key] == 1', D);
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(codeOf(() => rule.evaluate({ m: {}, key })), 'EXPRESSION_EVAL_FAILED', key);
  }
  assert.equal(rule.evaluate({ m: { a: 1 }, key: 'a' }), true);
});

test('huge sources, string literals and string results are rejected with EXPRESSION_LIMIT_EXCEEDED', () => {
  assert.equal(codeOf(() => compileExpression(`s == "${'a'.repeat(5000)}"`, D)), 'EXPRESSION_LIMIT_EXCEEDED');
  assert.equal(codeOf(() => compileExpression('s == s' + ' || s == s'.repeat(2000), D)), 'EXPRESSION_LIMIT_EXCEEDED');
  const engine = new ExpressionEngine({ limits: { maxResultString: 100 } });
  const grow = engine.compile('s + s + s + s', D);
  assert.equal(grow.evaluate({ s: 'ab' }), 'abababab');
  assert.equal(codeOf(() => grow.evaluate({ s: 'x'.repeat(40) })), 'EXPRESSION_LIMIT_EXCEEDED');
});

test('deep nesting and runaway comprehensions are rejected before they run', () => {
  assert.equal(codeOf(() => compileExpression('('.repeat(200) + '1' + ')'.repeat(200), D)), 'EXPRESSION_LIMIT_EXCEEDED');
  assert.equal(codeOf(() => compileExpression('!'.repeat(2000) + 'true', D)), 'EXPRESSION_LIMIT_EXCEEDED');
  assert.equal(codeOf(() => compileExpression('l.exists(a, l.exists(b, l.exists(c, l.exists(d, a > d))))', D)), 'EXPRESSION_LIMIT_EXCEEDED');
  assert.equal(
    codeOf(() => compileExpression('cel.bind(a, s + s, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, d))))', D)),
    'EXPRESSION_LIMIT_EXCEEDED',
  );
  assert.equal(codeOf(() => compileExpression(Array.from({ length: 600 }, () => 's').join(' + '), D)), 'EXPRESSION_LIMIT_EXCEEDED');
  // Three levels are allowed and work.
  assert.equal(compileExpression('l.exists(a, l.exists(b, l.all(c, a + b + c > 0)))', D).evaluate({ l: [1, 2] }), true);
});

test('regular expressions must be literal and free of catastrophic backtracking', () => {
  assert.equal(compileExpression('s.matches("^[a-z]+[0-9]*$")', D).evaluate({ s: 'abc12' }), true);
  for (const src of ['s.matches("(a+)+$")', 's.matches("(a|aa)*b")', 's.matches("(x*)*")', 's.matches("(a)\\\\1")', 's.matches(key)', 's.matches("(")']) {
    assert.equal(codeOf(() => compileExpression(src, D)), 'EXPRESSION_REGEX_UNSAFE', src);
  }
});

test('rules cannot reach JavaScript globals or code', () => {
  for (const src of ['process.exit(1)', 'Function("return 1")()', 'globalThis', 'this', 'require("fs")']) {
    const code = codeOf(() => compileExpression(src, D));
    assert.ok(['EXPRESSION_VARIABLE_UNDEFINED', 'EXPRESSION_SYNTAX_INVALID', 'EXPRESSION_TYPE_INVALID'].includes(code), `${src}: ${code}`);
  }
});

test('expressions that would build huge values without returning them are rejected before they run', () => {
  const rep = (name: string, n: number) => Array.from({ length: n }, () => name).join(' + ');
  const huge = [
    // 20^4 times the input, measured and never returned (an audit's probe: 184M characters, 370 MB).
    `cel.bind(a, ${rep('s', 20)}, cel.bind(b, ${rep('a', 20)}, cel.bind(c, ${rep('b', 20)}, size(${rep('c', 20)}) > 0)))`,
    // Quadratic: every character of s becomes a copy of s.
    's.split("").join(s) == ""',
    'size(l.map(x, s + s)) > 0',
    `size(cel.bind(a, ${rep('s', 9)}, ${rep('a', 9)})) > 0`,
    `size(names.map(n, ${rep('n', 70)})) > 0`,
    // A list of numbers is as long as its source: mapping each to the input is quadratic all the same.
    'size(l.map(x, 0).map(y, s)) > 0',
    // Literals multiply too: 100 elements of 100 copies of a 256-character input, from a 465-character source.
    `cel.bind(a, [${Array(100).fill(1).join(',')}].map(x, s).join(""), size([${Array(100).fill(1).join(',')}].map(y, a).join(""))) > 0`,
  ];
  for (const src of huge) {
    assert.equal(codeOf(() => compileExpression(src, { ...D, names: 'list<string>' })), 'EXPRESSION_LIMIT_EXCEEDED', src);
  }
  // What rules do write still compiles: concatenations, joins with a literal separator, maps of elements.
  const fine = [
    's + "-" + key == "a-b"',
    'names.join(",") == "x,y"',
    'names.map(n, n + "!").join(" ") != ""',
    'names.exists(n, n == s + key)',
    `cel.bind(a, s + s, size(a + a) > 3)`,
    'l.map(x, x * 2).exists(y, y > 3)',
    // + of numbers is a number (the bound reads the checked types), however many are added.
    'l.map(z, z + fee).exists(v, v > 3.0)',
    'app.loans.map(z, z.balance + fee).exists(v, v > 3.0)',
    `${rep('fee', 70)} > 0.0`,
  ];
  for (const src of fine) compileExpression(src, { ...D, names: 'list<string>', fee: 'double', app: 'map' });
  assert.equal(compileExpression('names.map(n, n + "!").join(" ")', { names: 'list<string>' }).evaluate({ names: ['a', 'b'] }), 'a! b!');
});
