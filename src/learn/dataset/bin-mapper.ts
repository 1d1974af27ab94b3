// Maps raw feature values to small integer bins, found once from (a sample of) the training data.
// Bin 0 always holds missing values; numeric values fill bins 1..m by quantile cuts; categories get a bin each,
// the rarest sharing one. The tree learner only ever sees bins; thresholds go back to raw values for the artifact.

export interface NumericBinMapper {
  readonly kind: 'numeric';
  /** upper[j] bounds value bin j + 1: v goes to the first bin with v <= upper[j]; the last is +Infinity. */
  readonly upper: Float64Array;
  readonly binCount: number;
}

export interface CategoricalBinMapper {
  readonly kind: 'categorical';
  /** codeToBin[code] for every level code of the training column. */
  readonly codeToBin: Int32Array;
  readonly binCount: number;
}

export type BinMapper = NumericBinMapper | CategoricalBinMapper;

/** Quantile cuts over the distinct values, at most maxBins value bins; cuts sit midway between neighbours. */
export function numericBinMapper(sample: Float64Array, maxBins: number): NumericBinMapper {
  const sorted = sample.filter((v) => v === v).sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (values.length > 0 && sorted[i] === values[values.length - 1]) counts[counts.length - 1]++;
    else {
      values.push(sorted[i]);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  if (values.length <= maxBins) {
    for (let i = 0; i + 1 < values.length; i++) cuts.push(midpoint(values[i], values[i + 1]));
  } else {
    let remaining = sorted.length;
    let binsLeft = maxBins;
    let acc = 0;
    for (let i = 0; i + 1 < values.length && binsLeft > 1; i++) {
      acc += counts[i];
      const target = remaining / binsLeft;
      // Cut when this bin is full, or before a value that alone fills a bin so it gets its own.
      if (acc >= target || counts[i + 1] >= target) {
        cuts.push(midpoint(values[i], values[i + 1]));
        remaining -= acc;
        binsLeft--;
        acc = 0;
      }
    }
  }
  const upper = new Float64Array(cuts.length + 1);
  upper.set(cuts);
  upper[cuts.length] = Infinity;
  return { kind: 'numeric', upper, binCount: upper.length + 1 };
}

/** One bin per category, most frequent first; beyond maxBins − 1 categories the rest share the last bin. */
export function categoricalBinMapper(codes: Float64Array, levelCount: number, maxBins: number): CategoricalBinMapper {
  const counts = new Float64Array(levelCount);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === c) counts[c]++;
  }
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const own = Math.min(levelCount, order.length <= maxBins ? maxBins : maxBins - 1);
  const codeToBin = new Int32Array(levelCount);
  order.forEach((code, rank) => {
    codeToBin[code] = rank < own ? rank + 1 : own + 1;
  });
  const binCount = 1 + own + (levelCount > own ? 1 : 0);
  return { kind: 'categorical', codeToBin, binCount: Math.max(binCount, 2) };
}

/** The bin of a raw value (a level code for categorical mappers). */
export function binOf(mapper: BinMapper, v: number): number {
  if (v !== v) return 0;
  if (mapper.kind === 'categorical') return v >= 0 && v < mapper.codeToBin.length ? mapper.codeToBin[v] : 0;
  const upper = mapper.upper;
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= upper[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Rounding can land the midpoint on b; a cut must keep b in the upper bin.
  return m < b && m >= a ? m : a;
}
