// Knobs of one tree's growth, with xgboost-like defaults. Checked together so a bad spec reports every problem.
import { RiskError } from '../../core/index.js';

export interface TreeParams {
  /** 'depthwise' grows level by level to maxDepth (xgboost); 'leafwise' splits the best leaf until numLeaves (LightGBM). */
  readonly growth: 'depthwise' | 'leafwise';
  /** Depth limit (depthwise: required; leafwise: 0 = none). */
  readonly maxDepth: number;
  /** Leaf limit for leafwise growth. */
  readonly numLeaves: number;
  readonly learningRate: number;
  /** L1 and L2 penalties on leaf values (xgboost's alpha and lambda). */
  readonly l1: number;
  readonly l2: number;
  /** Least hessian mass (summed over outputs) a child may hold (xgboost's min_child_weight). */
  readonly minChildHessian: number;
  /** Least loss reduction a split must bring (xgboost's gamma). */
  readonly minSplitGain: number;
  /** Smoothing added to the hessian when ordering categories by gradient ratio. */
  readonly catSmooth: number;
}

export const DEFAULT_TREE_PARAMS: TreeParams = {
  growth: 'depthwise',
  maxDepth: 6,
  numLeaves: 31,
  learningRate: 0.1,
  l1: 0,
  l2: 1,
  minChildHessian: 1,
  minSplitGain: 0,
  catSmooth: 10,
};

export function resolveTreeParams(given: Partial<TreeParams>): TreeParams {
  const p: TreeParams = { ...DEFAULT_TREE_PARAMS, ...stripUndefined(given) };
  const problems: string[] = [];
  if (p.growth !== 'depthwise' && p.growth !== 'leafwise') problems.push(`growth must be depthwise or leafwise`);
  if (!Number.isInteger(p.maxDepth) || p.maxDepth < 0 || (p.growth === 'depthwise' && p.maxDepth < 1)) problems.push('maxDepth must be a positive integer');
  if (!Number.isInteger(p.numLeaves) || p.numLeaves < 2) problems.push('numLeaves must be an integer >= 2');
  if (!(p.learningRate > 0)) problems.push('learningRate must be positive');
  if (!(p.l1 >= 0) || !(p.l2 >= 0)) problems.push('l1 and l2 must be >= 0');
  if (!(p.minChildHessian > 0)) problems.push('minChildHessian must be positive');
  if (!(p.minSplitGain >= 0)) problems.push('minSplitGain must be >= 0');
  if (!(p.catSmooth >= 0)) problems.push('catSmooth must be >= 0');
  if (problems.length > 0) throw new RiskError('LEARN_PARAM_INVALID', problems.join('; '), { problems });
  return p;
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** L1 soft-thresholding of a gradient sum. */
export function thresholdL1(g: number, l1: number): number {
  if (l1 === 0) return g;
  return g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
}

/**
 * Optimal leaf value −T(G)/(H + λ). Zero where the leaf holds (next to) no hessian for this output: totals come
 * from histogram subtraction, so with λ = 0 an empty side can keep rounding dust, here anything below a tiny
 * fraction of the root's mass `refH`.
 */
export function leafValue(g: number, h: number, refH: number, p: TreeParams): number {
  const d = h + p.l2;
  return d > 1e-12 * refH ? -thresholdL1(g, p.l1) / d : 0;
}
