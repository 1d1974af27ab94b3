// The fast path must be indistinguishable from cel-js: every expression below is evaluated by both engines over
// many variable sets (typical values, missing, null, wrong types, NaN, huge ints, odd lists) and must give the same
// value or fail with the same code and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Random } from '../core/index.js';
import { ExpressionEngine } from './index.js';

const D = {
  amount: 'double', income: 'double', term: 'double', count: 'int', app: 'map', channel: 'string', flag: 'bool',
  score: 'double', anything: 'dyn',
};

const EXPRESSIONS = [
  'amount > 3 * income && channel == "web"',
  'present(income) && income > 0',
  '!present(income)',
  'present(income) && amount > 12 * income',
  'amount / term / income',
  '1970.0 + amount / 31557600000.0 - income',
  'double(size(app.contacts))',
  'app.applicant.phone in app.contacts.map(c, c.phone)',
  'app.contacts.map(c, c.phone)',
  // Nested scopes; a map of maps would be refused (its size grows with the square of the list: size-growth.ts).
  'app.contacts.map(c, app.contacts.exists(d, d.phone == c.phone))',
  'app.channel == "web" && app.device.os == "unknown"',
  'min(min(amount, score), value_or(income, 0) * term)',
  'value_or(income, 0)',
  'value_or(app.applicant.age, 3)',
  'present(app.applicant.phone)',
  'amount == 4',
  'amount != 0',
  'count == 4',
  'count + 1',
  'count > amount',
  '-amount',
  '!flag',
  'flag || amount > 3',
  'amount > 3 || flag',
  'flag ? amount : income',
  'amount >= 2 ? 1.0 : 2.0',
  'amount >= income',
  'amount < income',
  'amount <= 3',
  'amount > 1',
  'clamp(amount, 0, 100)',
  'between(amount, 1, 10)',
  'ratio(amount, income)',
  'max(count, 2)',
  'anything > 3',
  'anything == "x"',
  'anything + 1',
  'anything * 2.5',
  'app.requestedAmount / app.termMonths',
  'app.requestedAmount > 1000',
  'amount < 9007199254740993',
  'amount == 9007199254740993',
  'score <= income',
  // Shapes the fast path fuses: membership in a mapped list, double(size(list)), field chains, == with a literal.
  '"h:a" in app.contacts.map(c, c.phone)',
  'app.applicant.phone in app.contacts.map(c, "h:a")',
  'double(size(app.applicant))',
  'double(size(app.contacts.map(c, c.phone))) > 1.0',
  'app.applicant.phone',
  'app.device.os',
  'count == 0',
  '0 == amount',
  'amount != 2.5',
  'channel != "web"',
  '"web" == anything',
  'anything != 0',
  'count != 9007199254740993',
  'app.applicant.age == 30',
];

const VALUES: unknown[] = [
  undefined, null, 0, -0, 1, 2.5, 4, 1e300, -1e300, Number.NaN, Number.POSITIVE_INFINITY, 3000, 'web', 'x', '', true, false,
  [], ['a'], [1, 2], { a: 1 }, new Date(0), 7n, 9007199254740993n, -5n,
];

function randomApp(r: Random, oddValues = false): Record<string, unknown> {
  // Values JSON cannot carry (a Date, a function, a class instance, a Set): the fast path must bail on them, cel-js
  // decides.
  const odd = (): unknown => r.pick([new Date(0), () => 'h:a', new (class Phone {})(), new Set(['h:a'])]);
  const phone = (): unknown => (oddValues && r.next() < 0.05 ? odd() : r.pick(['h:a', 'h:b', 'h:c', 7, null, undefined]));
  const contacts = (): unknown => {
    if (r.next() < 0.1) return r.pick([null, 'list', { phone: 'h:a' }]);
    return Array.from({ length: Math.floor(r.next() * 4) }, () => {
      const c: Record<string, unknown> = {};
      const p = phone();
      if (p !== undefined) c.phone = p;
      if (oddValues && r.next() < 0.08) return odd();
      return r.next() < 0.05 ? r.pick([5, 'h:a', null]) : c;
    });
  };
  const app: Record<string, unknown> = {
    applicant: r.next() < 0.1 ? null : { phone: phone(), ...(r.next() < 0.5 ? { age: r.pick([30, null, 'x', 2n]) } : {}) },
    contacts: contacts(),
    channel: r.pick(['web', 'app', 3, null]),
    device: r.next() < 0.1 ? undefined : { os: r.pick(['unknown', 'iOS', null]) },
    requestedAmount: r.pick([800, 1500.5, 0, null, '5']),
    termMonths: r.pick([3, 12, 0, null]),
  };
  if (r.next() < 0.1) delete app.contacts;
  return app;
}

function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { code: e.code, message: e.message };
  }
}

test('the fast path gives the same value or the same coded error as cel-js, over many inputs', () => {
  const fast = new ExpressionEngine();
  const slow = new ExpressionEngine({ fastPath: false });
  const r = new Random(42);
  let covered = 0;
  for (const source of EXPRESSIONS) {
    const a = fast.compile(source, D);
    const b = slow.compile(source, D);
    assert.equal(b.fastPath, false);
    if (a.fastPath) covered++;
    for (let i = 0; i < 400; i++) {
      const vars: Record<string, unknown> = {};
      for (const name of Object.keys(D)) {
        const v = name === 'app' ? (r.next() < 0.9 ? randomApp(r, true) : r.pick(VALUES)) : r.next() < 0.6 ? r.pick([0, 1, 2, 2.5, 3, 4, 10, 12, 100, 3000, -1, 'web', true]) : r.pick(VALUES);
        if (v !== undefined) vars[name] = v;
      }
      assert.deepEqual(outcome(() => a.evaluate(vars)), outcome(() => b.evaluate(vars)), `${source} with ${String(JSON.stringify(vars, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}`);
    }
  }
  assert.ok(covered >= EXPRESSIONS.length - 2, `the fast path covers ${covered} of ${EXPRESSIONS.length} expressions`);
});

test('every CEL expression of the demo flow has a fast path', () => {
  const flow = JSON.parse(readFileSync(new URL('../decision/demo/loan-flow.json', import.meta.url), 'utf8')) as {
    nodes: { kind: string; rules?: { when: string; action: { value?: string } }[] }[];
  };
  const engine = new ExpressionEngine();
  const sources = flow.nodes.flatMap((n) => (n.rules ?? []).flatMap((rule) => [rule.when, ...(rule.action.value ? [rule.action.value] : [])]));
  assert.ok(sources.length >= 50);
  for (const source of sources) {
    const compiled = engine.compile(source);
    assert.equal(compiled.fastPath, true, source);
  }
});

test('the fast path never reaches JavaScript internals: forbidden members are still refused and odd values bail to cel-js', () => {
  const engine = new ExpressionEngine();
  assert.throws(() => engine.compile('app.constructor', D), /constructor/);
  const read = engine.compile('app.x', D);
  assert.equal(read.fastPath, true);
  const proto = Object.create({ x: 'inherited' }) as Record<string, unknown>;
  // An inherited key is no key; a function value is no CEL value: both are cel-js's errors, not values.
  assert.throws(() => read.evaluate({ app: proto }));
  assert.throws(() => read.evaluate({ app: { x: () => 1 } }));
});

test('`double variable OP number` is described for inline tests; nothing else is', () => {
  const engine = new ExpressionEngine();
  assert.deepEqual(engine.compile('amount >= 2', D).comparison, { variable: 'amount', op: '>=', value: 2 });
  assert.deepEqual(engine.compile('score < 0.5', D).comparison, { variable: 'score', op: '<', value: 0.5 });
  for (const source of ['count > 1', 'amount > income', 'amount == 2', 'amount < 9007199254740993', '-amount > 1', 'anything > 1']) {
    assert.equal(engine.compile(source, D).comparison, undefined, source);
  }
  assert.equal(new ExpressionEngine({ fastPath: false }).compile('amount >= 2', D).comparison, undefined);
});

test('a plain double or bool variable is described for direct reads; nothing else is', () => {
  const engine = new ExpressionEngine();
  assert.deepEqual(engine.compile('amount', D).identifier, { variable: 'amount', type: 'double' });
  assert.deepEqual(engine.compile('flag', D).identifier, { variable: 'flag', type: 'bool' });
  for (const source of ['count', 'channel', 'anything', 'app', 'amount + 0', '-amount']) {
    assert.equal(engine.compile(source, D).identifier, undefined, source);
  }
});

test('size() of a list with an item JSON can carry but cel-js refuses (an own "constructor" key, at any depth) is cel-js\'s error, not a count', () => {
  const fast = new ExpressionEngine();
  const slow = new ExpressionEngine({ fastPath: false });
  for (const source of ['double(size(app.contacts))', 'size(app.contacts) > 1']) {
    const f = fast.compile(source, D);
    const s = slow.compile(source, D);
    assert.equal(f.fastPath, true, source);
    for (const contacts of ['[{"constructor": {"x": 1}}, {"phone": "h:a"}]', '[{"phone": {"constructor": 1}}]', '[{"phone": "h:a"}, {"phone": "h:b"}]']) {
      const app = { contacts: JSON.parse(contacts) as unknown };
      assert.deepEqual(outcome(() => f.evaluate({ app })), outcome(() => s.evaluate({ app })), `${source} with ${contacts}`);
    }
  }
});
