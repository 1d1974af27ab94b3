// The leaf sums of forests with many outputs (a GBST leaf holds a value per period: 24 for the bench's model), in
// WebAssembly with 128-bit SIMD: for each block of eight outputs, every tree's leaf values in tree order, two outputs
// per f64x2 add, held in four vector registers. For each output that is the same IEEE additions in the same order as
// the JavaScript loop in packed-forest.ts, so the sums are bit-identical (tested). The JavaScript loop spends most of
// a 300-tree GBST score here (7,200 scalar loads and adds with their bounds checks). The module is assembled from
// opcodes (src/core's assembler); the leaf values, the trees' leaf offsets and the accumulator live in its memory.
import { wasm } from '../core/index.js';

const {
  ADD, BLOCK, br, brIf, END, F64, F64_ADD, F64X2_ADD, GE_S, GT_S, get, I32, i32, IF, LOAD_F64, LOAD_I32, LOOP, LT_S, name, section, set,
  SHL, STORE_F64, tee, uleb, V128, v128Load, v128Store, vec, wasmHeader,
} = wasm;

const PARAMS = ['offsets', 'count', 'leaf', 'acc', 'K'] as const;
const P = Object.fromEntries(PARAMS.map((p, i) => [p, i])) as Record<(typeof PARAMS)[number], number>;
const L = { k: 5, u: 6, at: 7, a0: 8, a1: 9, a2: 10, a3: 11, s: 12 };
const LANES = [L.a0, L.a1, L.a2, L.a3];

/** Byte address of leaf value (offsets[u] + k) on the stack; uses L.at for the tree's offsets slot. */
const leafAddress = (): number[][] => [
  get(P.leaf), get(P.offsets), get(L.u), i32(2), SHL, ADD, LOAD_I32, get(L.k), ADD, i32(3), SHL, ADD,
];

/** u from 0 to count: `body` per tree (the loop's branch depth inside body is 0 for the loop, 1 for its block). */
const overTrees = (body: number[][]): number[][] => [
  i32(0), set(L.u), BLOCK, LOOP, get(L.u), get(P.count), GE_S, brIf(1), ...body, get(L.u), i32(1), ADD, set(L.u), br(0), END, END,
];

/**
 * sum(offsets, count, leaf, acc, K): acc[k] += leaf[offsets[u] + k] for u in [0, count), k in [0, K), u outermost per
 * output: blocks of eight outputs (four f64x2 registers), then pairs, then a last single output.
 */
function assemble(): Uint8Array<ArrayBuffer> {
  const c: number[][] = [];
  c.push(i32(0), set(L.k));
  // Blocks of eight.
  c.push(BLOCK, LOOP, get(L.k), i32(8), ADD, get(P.K), GT_S, brIf(1));
  for (let j = 0; j < 4; j++) c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, v128Load(16 * j), set(LANES[j]));
  c.push(...overTrees([
    ...leafAddress(), set(L.at),
    ...LANES.flatMap((lane, j) => [get(lane), get(L.at), v128Load(16 * j), F64X2_ADD, set(lane)]),
  ]));
  for (let j = 0; j < 4; j++) c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, get(LANES[j]), v128Store(16 * j));
  c.push(get(L.k), i32(8), ADD, set(L.k), br(0), END, END);
  // Pairs.
  c.push(BLOCK, LOOP, get(L.k), i32(2), ADD, get(P.K), GT_S, brIf(1));
  c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, v128Load(0), set(L.a0));
  c.push(...overTrees([get(L.a0), ...leafAddress(), v128Load(0), F64X2_ADD, set(L.a0)]));
  c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, get(L.a0), v128Store(0));
  c.push(get(L.k), i32(2), ADD, set(L.k), br(0), END, END);
  // A last output.
  c.push(get(L.k), get(P.K), LT_S, IF);
  c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, tee(L.at), LOAD_F64, set(L.s));
  c.push(...overTrees([get(L.s), ...leafAddress(), LOAD_F64, F64_ADD, set(L.s)]));
  c.push(get(P.acc), get(L.k), i32(3), SHL, ADD, get(L.s), STORE_F64, END);
  const body = [...vec([[...uleb(3), I32], [...uleb(4), V128], [...uleb(1), F64]]), ...c.flat(), ...END];
  return new Uint8Array([
    ...wasmHeader,
    ...section(1, vec([[0x60, ...vec(PARAMS.map(() => [I32])), 0]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('sum'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(assemble());
    } catch {
      compiled = null; // no SIMD in this runtime: the JavaScript loop is used
    }
  }
  return compiled;
}

/**
 * Outputs from which the kernel is used: below, the call and the accumulator's two copies are not worth it (not
 * measured for 2-3 outputs; a GBDT's one output stays on the JavaScript loop).
 */
export const MIN_WASM_OUTPUTS = 4;

/** A forest's leaf values, its per-tree leaf offsets and an accumulator in one module's memory, with the sum. */
export class LeafSummer {
  /** The forest's leaf values (a view of the module's memory: the forest keeps no other copy). */
  readonly leafValues: Float64Array;
  /** Per tree, the offset of the leaf a row reached (filled by the forest's traversal). */
  readonly offsets: Int32Array;
  private readonly acc: Float64Array;
  private readonly sum: (offsets: number, count: number, leaf: number, acc: number, K: number) => void;

  private constructor(memory: WebAssembly.Memory, sum: LeafSummer['sum'], trees: number, K: number, values: number) {
    const buffer = memory.buffer;
    const offsetsBytes = Math.ceil((4 * trees) / 16) * 16;
    this.offsets = new Int32Array(buffer, 0, trees);
    this.acc = new Float64Array(buffer, offsetsBytes, K);
    this.leafValues = new Float64Array(buffer, offsetsBytes + 8 * K, values);
    this.sum = sum;
  }

  /** Null when WebAssembly (with SIMD) is not available. */
  static create(trees: number, K: number, values: number): LeafSummer | null {
    const compiledModule = module();
    if (!compiledModule) return null;
    const bytes = Math.ceil((4 * trees) / 16) * 16 + 8 * K + 8 * values;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) || 1 });
    const { sum } = new WebAssembly.Instance(compiledModule, { env: { memory } }).exports as { sum: LeafSummer['sum'] };
    return new LeafSummer(memory, sum, trees, K, values);
  }

  /** acc[k] += leafValues[offsets[u] + k] for the first `treeEnd` trees, in tree order. */
  addTo(acc: Float64Array, treeEnd: number): void {
    const mine = this.acc;
    mine.set(acc);
    this.sum(this.offsets.byteOffset, treeEnd, this.leafValues.byteOffset, mine.byteOffset, mine.length);
    acc.set(mine);
  }
}
