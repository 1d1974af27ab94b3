// Splits rows into equal-count groups by the rank of a score (deciles, quintiles). Ties are kept together when
// possible: a group boundary never separates equal scores, so heavily tied scores give fewer, larger groups.

export interface RankGroups {
  /** Group of each row, 0 = lowest scores; -1 for a NaN score. */
  readonly groupOf: Int32Array;
  readonly count: number;
}

export function rankGroups(scores: ArrayLike<number>, groups: number): RankGroups {
  const rows: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) rows.push(i);
  const order = Uint32Array.from(rows).sort((a, b) => scores[a] - scores[b] || a - b);
  const groupOf = new Int32Array(scores.length).fill(-1);
  const n = order.length;
  let g = 0;
  let k = 0;
  while (k < n) {
    const target = Math.round(((g + 1) * n) / groups);
    let end = Math.max(target, k + 1);
    while (end < n && scores[order[end]] === scores[order[end - 1]]) end++;
    for (let j = k; j < end; j++) groupOf[order[j]] = g;
    k = end;
    g++;
  }
  return { groupOf, count: g };
}
