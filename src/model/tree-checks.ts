// Structural checks of one artifact tree before it is packed for scoring: node arrays, children, leaves, and splits
// that make sense for their feature (a number threshold on a numeric one, level codes on a categorical one).
// A malformed artifact fails here with MODEL_ARTIFACT_INVALID instead of scoring every row as missing or NaN.
import { artifactError, type TreeJson } from './model-artifact.js';

/** categorical[f]: feature f is categorical per the artifact's featureInfo (absent: numeric). */
export function checkTree(tree: TreeJson, t: number, outputs: number, featureCount: number, categorical: readonly boolean[]): void {
  const bad = (problem: string): never => {
    throw artifactError(`tree ${t}: ${problem}`, { tree: t });
  };
  const arrays = [tree.feature, tree.threshold, tree.left, tree.right, tree.missingLeft, tree.cover, tree.leafValues];
  if (!arrays.every(Array.isArray)) bad('node arrays and leafValues must be lists');
  const n = tree.feature.length;
  if (n === 0) bad('has no nodes');
  for (const arr of [tree.threshold, tree.left, tree.right, tree.missingLeft, tree.cover]) if (arr.length !== n) bad('node arrays differ in length');
  if (!(tree.outputs >= 1) || !(tree.output >= 0) || tree.output + tree.outputs > outputs) bad('outputs out of range');
  if (!tree.leafValues.every(Number.isFinite)) bad('leaf values must be finite numbers');
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    if (f === -1) {
      const leaf = tree.left[i];
      if (!(leaf >= 0) || (leaf + 1) * tree.outputs > tree.leafValues.length) bad(`leaf ${i} has no values`);
      continue;
    }
    if (!(Number.isInteger(f) && f >= 0 && f < featureCount)) bad(`node ${i} splits on unknown feature ${f}`);
    // Children always come after their parent, which rules out cycles.
    for (const c of [tree.left[i], tree.right[i]]) if (!(Number.isInteger(c) && c > i && c < n)) bad(`node ${i} has an invalid child ${c}`);
    const codes = tree.categories?.[String(i)];
    if (categorical[f] === true) {
      // Without its codes a categorical node would compare level codes with a threshold, which means nothing.
      if (!Array.isArray(codes)) bad(`node ${i} splits on categorical feature ${f} without listing its categories`);
      if (codes!.some((c) => !Number.isInteger(c) || c < 0)) bad(`node ${i} has invalid category codes`);
    } else {
      if (codes !== undefined) bad(`node ${i} splits on categories of feature ${f}, which featureInfo does not declare categorical`);
      // A null or text threshold would compare as NaN or as a string: every row would go one way.
      if (typeof tree.threshold[i] !== 'number' || Number.isNaN(tree.threshold[i])) bad(`node ${i} has a non-numeric threshold ${JSON.stringify(tree.threshold[i])}`);
    }
  }
}
