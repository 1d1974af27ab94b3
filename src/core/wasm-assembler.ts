// A minimal WebAssembly assembler: LEB128 numbers, sections and the opcodes the kernels use
// (src/learn's histogram and hazard-update kernels, src/model's leaf sums). Kernels are written as arrays of these
// byte sequences.

export const wasmHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
export const I32 = 0x7f;
export const V128 = 0x7b;
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const tee = (i: number) => [0x22, ...uleb(i)];
export const i32 = (c: number) => [0x41, ...sleb(c)];
export const ADD = [0x6a];
export const SUB = [0x6b];
export const MUL = [0x6c];
export const SHL = [0x74];
export const LT_S = [0x48];
export const GT_S = [0x4a];
export const GE_S = [0x4e];
export const LE_S = [0x4c];
export const LOAD_I32 = [0x28, 2, 0];
export const LOAD_U8 = [0x2d, 0, 0];
export const LOAD_U16 = [0x2f, 1, 0];
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const IF = [0x04, 0x40];
export const END = [0x0b];
export const SELECT = [0x1b];
export const br = (d: number) => [0x0c, ...uleb(d)];
export const brIf = (d: number) => [0x0d, ...uleb(d)];
/** v128.load / v128.store at a constant byte offset from the address on the stack. */
export const v128Load = (offset: number): number[] => [0xfd, ...uleb(0), 4, ...uleb(offset)];
export const v128Store = (offset: number): number[] => [0xfd, ...uleb(11), 4, ...uleb(offset)];
export const V128_LOAD = v128Load(0);
export const V128_STORE = v128Store(0);
export const V128_LOAD64_ZERO = [0xfd, ...uleb(93), 3, 0];
export const F64X2_ADD = [0xfd, ...uleb(240)];
export const F64X2_PROMOTE_LOW_F32X4 = [0xfd, ...uleb(95)];
export const F64 = 0x7c;
export const AND = [0x71];
export const LOAD_F64 = [0x2b, 3, 0];
export const STORE_F64 = [0x39, 3, 0];
export const STORE_F32 = [0x38, 2, 0];
export const F64_ADD = [0xa0];
export const F64_SUB = [0xa1];
export const F64_MUL = [0xa2];
export const F64_DIV = [0xa3];
export const F64_EQ = [0x61];
export const F32_DEMOTE_F64 = [0xb6];
export const f64 = (x: number): number[] => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return [0x44, ...Array.from({ length: 8 }, (_, i) => b.getUint8(i))];
};
