import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import { IntScratchSet } from './int-scratch-set.js';

test('scratch set: add, has, indexOf, insertion order, growth and O(1) clear, against a Set', () => {
  const set = new IntScratchSet(4);
  const random = new Random(1);
  for (let round = 0; round < 3; round++) {
    set.clear();
    const reference = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const key = random.int(3000);
      const added = set.add(key);
      if (reference.has(key)) assert.equal(added, -1);
      else {
        assert.equal(added, reference.size);
        reference.set(key, reference.size);
      }
    }
    assert.equal(set.size, reference.size);
    for (const [key, index] of reference) {
      assert.ok(set.has(key));
      assert.equal(set.indexOf(key), index);
      assert.equal(set.list[index], key);
    }
    assert.equal(set.has(3001), false);
  }
});
