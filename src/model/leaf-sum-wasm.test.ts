import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../core/index.js';
import type { TreeJson } from './model-artifact.js';
import { PackedForest } from './packed-forest.js';

/** Random trees of `outputs` values per leaf, up to depth 6, on `features` features. */
function randomTrees(random: Random, count: number, outputs: number, features: number): TreeJson[] {
  return Array.from({ length: count }, () => {
    const t = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], missingLeft: [] as number[], cover: [] as number[], leafValues: [] as number[] };
    const grow = (depth: number): number => {
      const id = t.feature.length;
      t.feature.push(-1); t.threshold.push(0); t.left.push(0); t.right.push(0); t.missingLeft.push(0); t.cover.push(1);
      if (depth === 6 || (depth > 1 && random.next() < 0.2)) {
        t.left[id] = t.leafValues.length / outputs;
        for (let k = 0; k < outputs; k++) t.leafValues.push((random.next() - 0.5) * 10 ** Math.floor(random.next() * 6 - 3));
        return id;
      }
      t.feature[id] = Math.floor(random.next() * features);
      t.threshold[id] = random.next();
      t.missingLeft[id] = random.next() < 0.5 ? 1 : 0;
      t.left[id] = grow(depth + 1);
      t.right[id] = grow(depth + 1);
      return id;
    };
    grow(0);
    return { ...t, output: 0, outputs };
  });
}

test('many-output forests sum their leaves in WebAssembly SIMD, bit-identical to the JavaScript loop (blocks of 8, pairs, a last output)', () => {
  const random = new Random(11);
  for (const outputs of [4, 5, 7, 9, 24]) {
    const trees = randomTrees(random, 37, outputs, 4);
    const simd = new PackedForest(trees, outputs, 4);
    const plain = new PackedForest(trees, outputs, 4);
    assert.ok((simd as unknown as { summer: unknown }).summer, `the kernel serves ${outputs} outputs`);
    (plain as unknown as { summer: unknown }).summer = null;
    for (let row = 0; row < 300; row++) {
      const x = Float64Array.from({ length: 4 }, () => (random.next() < 0.1 ? NaN : random.next()));
      const start = Float64Array.from({ length: outputs }, () => random.next() - 0.5);
      const a = Float64Array.from(start);
      const b = Float64Array.from(start);
      const treeEnd = row % 3 === 0 ? 1 + (row % trees.length) : trees.length;
      simd.addRaw(x, a, treeEnd);
      plain.addRaw(x, b, treeEnd);
      for (let k = 0; k < outputs; k++) assert.ok(Object.is(a[k], b[k]), `outputs ${outputs}, row ${row}, output ${k}: ${a[k]} vs ${b[k]}`);
    }
  }
});
