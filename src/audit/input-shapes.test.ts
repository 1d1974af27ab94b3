import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeValues, MAX_SHAPES, ShapeEncoder } from './input-shapes.js';

test('values encode against a shape, each batch lists the shapes it uses once, and values decode to the same object', () => {
  const encoder = new ShapeEncoder();
  const a = { 'applicant.applications.30d': 3, 'applicant.repaid_to_due.90d': null, 'ip.applications.1h': 0.5 };
  const first = encoder.encode(a);
  assert.ok(Array.isArray(first));
  // The same names again: the same shape.
  const second = encoder.encode({ 'applicant.applications.30d': 1, 'applicant.repaid_to_due.90d': 2, 'ip.applications.1h': null });
  assert.equal((second as unknown[])[0], (first as unknown[])[0]);
  const shapes = encoder.takeUsed();
  assert.equal(shapes.length, 2, 'one shape used: its id and its names');
  assert.equal(shapes[0], (first as unknown[])[0]);
  assert.deepEqual(JSON.parse(shapes[1]), Object.keys(a));
  assert.deepEqual(encoder.takeUsed(), [], 'nothing used since');
  // Other names (or the same names in another order): another shape.
  const other = encoder.encode({ 'ip.applications.1h': 1, 'applicant.applications.30d': 2 });
  assert.notEqual((other as unknown[])[0], shapes[0]);
  const otherShapes = encoder.takeUsed();
  assert.equal(otherShapes.length, 2);
  const names = new Map([[shapes[0], JSON.parse(shapes[1])], [otherShapes[0], JSON.parse(otherShapes[1])]]);
  const namesOf = (id: string) => names.get(id)!;
  assert.deepEqual(decodeValues(JSON.parse(JSON.stringify(first)), namesOf), a);
  assert.deepEqual(decodeValues(JSON.parse(JSON.stringify(other)), namesOf), { 'ip.applications.1h': 1, 'applicant.applications.30d': 2 });
});

test('shape ids depend only on the names: another encoder (another process, a restart) gets the same id', () => {
  const values = { x: 1, y: 2 };
  assert.equal((new ShapeEncoder().encode(values) as unknown[])[0], (new ShapeEncoder().encode(values) as unknown[])[0]);
});

test('empty values and objects stored before shapes existed pass through', () => {
  const encoder = new ShapeEncoder();
  assert.deepEqual(encoder.encode({}), {});
  assert.deepEqual(encoder.takeUsed(), []);
  assert.deepEqual(decodeValues({ a: 1 }, () => { throw new Error('no shape is read'); }), { a: 1 });
});

test('past MAX_SHAPES distinct name lists, values are stored as objects', () => {
  const encoder = new ShapeEncoder();
  for (let i = 0; i < MAX_SHAPES; i++) assert.ok(Array.isArray(encoder.encode({ [`f${i}`]: i })));
  assert.deepEqual(encoder.encode({ extra: 1 }), { extra: 1 });
  assert.ok(Array.isArray(encoder.encode({ f7: 0 })), 'known shapes still encode');
});
