// Link functions shared by training and scoring, so both compute bit-identical probabilities from raw scores.

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Log-odds of p, clamped away from 0 and 1 so empty or pure groups give a finite score. */
export function logit(p: number, eps = 1e-12): number {
  const q = Math.min(Math.max(p, eps), 1 - eps);
  return Math.log(q / (1 - q));
}
