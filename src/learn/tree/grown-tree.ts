// A tree as the learner grows it (over bins), and its conversion to the artifact's TreeJson (over raw values).
// Also walks binned rows to their leaves, for rows the learner did not partition (validation, out-of-sample).
import type { TreeJson } from '../../model/index.js';
import type { BinMatrix } from '../dataset/binned-dataset.js';
import type { BinMapper } from '../dataset/bin-mapper.js';

export class GrownTree {
  /** Node arrays; children always have larger ids than their parent. */
  readonly feature: number[] = [];
  readonly bin: number[] = [];
  readonly categories: (number[] | null)[] = [];
  readonly missingLeft: boolean[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly gain: number[] = [];
  readonly cover: number[] = [];
  /** Per node: which bins go left (bin 0 = missing). */
  readonly mask: (Uint8Array | null)[] = [];
  /** Per node: its leaf number, or -1 for a split node. */
  readonly leafIndex: number[] = [];
  /** Row range of each leaf in the learner's row order. */
  leafBegin = new Int32Array(0);
  leafEnd = new Int32Array(0);
  /** Leaf outputs (leaves × width), scaled by the learning rate. */
  leafValues = new Float64Array(0);

  constructor(readonly output: number, readonly width: number) {}

  get nodeCount(): number {
    return this.feature.length;
  }

  get leafCount(): number {
    return this.leafBegin.length;
  }

  addNode(): number {
    this.feature.push(-1);
    this.bin.push(0);
    this.categories.push(null);
    this.missingLeft.push(false);
    this.left.push(-1);
    this.right.push(-1);
    this.gain.push(0);
    this.cover.push(0);
    this.mask.push(null);
    this.leafIndex.push(-1);
    return this.feature.length - 1;
  }

  /** The leaf row i of a row-major bin matrix with F features reaches. */
  leafOf(bins: BinMatrix, F: number, i: number): number {
    let n = 0;
    while (this.feature[n] !== -1) n = this.mask[n]![bins[i * F + this.feature[n]]] ? this.left[n] : this.right[n];
    return this.leafIndex[n];
  }

  toJson(mappers: readonly BinMapper[]): TreeJson {
    const n = this.nodeCount;
    const categories: Record<string, number[]> = {};
    const threshold: number[] = new Array(n).fill(0);
    const left: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = this.feature[i];
      left.push(f === -1 ? this.leafIndex[i] : this.left[i]);
      if (f === -1) continue;
      const mapper = mappers[f];
      if (mapper.kind === 'numeric') {
        threshold[i] = mapper.upper[this.bin[i] - 1];
      } else {
        const leftBins = new Set(this.categories[i]);
        const codes: number[] = [];
        mapper.codeToBin.forEach((b, code) => {
          if (leftBins.has(b)) codes.push(code);
        });
        categories[String(i)] = codes;
      }
    }
    return {
      output: this.output,
      outputs: this.width,
      feature: [...this.feature],
      threshold,
      left,
      right: this.right.map((r, i) => (this.feature[i] === -1 ? -1 : r)),
      missingLeft: this.missingLeft.map((m) => (m ? 1 : 0)),
      cover: [...this.cover],
      ...(Object.keys(categories).length > 0 ? { categories } : {}),
      leafValues: Array.from(this.leafValues),
      gain: [...this.gain],
    };
  }
}
