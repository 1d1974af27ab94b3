// TreeSHAP for trees too big for a whole-tree pattern table (depth 4 and more), after the idea of Fast TreeSHAP v2
// (Yang 2021): a leaf's contributions depend on x only through which of the distinct features on its path x
// "agrees" with (goes the path's way at every split on that feature). So each leaf gets, at load, a table of its
// contributions for every such pattern (2^u rows of u values, u ≤ depth), and explaining x is: decide every split
// once, then per leaf gather its pattern and add one table row. O(leaves · depth) a tree instead of the recursion's
// O(leaves · depth²) with its divisions; the numbers are the recursion's (tested to 1e-12).

/** One tree's leaves and their tables, flat. */
export interface LeafTabledTree {
  readonly tree: TreeShape;
  /** Split nodes of the tree (decided once per explain) and, per node id, whether x goes left (scratch). */
  readonly splits: Int32Array;
  readonly goesLeft: Uint8Array;
  /** Leaf l's path splits are pathStart[l] .. pathStart[l+1]: node, the way the path goes, and the bit it clears. */
  readonly pathStart: Int32Array;
  readonly pathNode: Int32Array;
  readonly pathLeft: Uint8Array;
  readonly pathBit: Int32Array;
  /** Leaf l's distinct path features are featureStart[l] .. featureStart[l+1] (u of them; table rows are u wide). */
  readonly featureStart: Int32Array;
  readonly features: Int32Array;
  /** Leaf l's table starts at tableStart[l]: row `pattern` (bit k set = agrees on feature k) holds u contributions. */
  readonly tableStart: Int32Array;
  readonly table: Float64Array;
}

/** What the explainer supplies per leaf: its contributions (indexed by feature) under one agreement pattern. */
export type LeafContributions = (pathNodes: readonly number[], pathLeft: readonly boolean[], agrees: readonly boolean[]) => Float64Array;

export interface TreeShape {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  /** Categorical split nodes: the level codes that go left. */
  readonly categories: ReadonlyMap<number, ReadonlySet<number>>;
}

/** Table entries one tree would need (Σ over leaves of 2^u · u), to keep a model's tables within a budget. */
export function leafTableSize(t: TreeShape): number {
  let size = 0;
  forEachLeafPath(t, (nodes) => {
    const u = new Set(Array.from(nodes, (n) => t.feature[n])).size;
    size += (1 << u) * u;
  });
  return size;
}

export function buildLeafTables(t: TreeShape, contributions: LeafContributions): LeafTabledTree {
  const splits: number[] = [];
  for (let node = 0; node < t.feature.length; node++) if (t.feature[node] !== -1) splits.push(node);
  const pathStart = [0];
  const pathNode: number[] = [];
  const pathLeft: number[] = [];
  const pathBit: number[] = [];
  const featureStart = [0];
  const features: number[] = [];
  const tableStart: number[] = [];
  const table: number[] = [];
  forEachLeafPath(t, (nodes, left) => {
    const distinct: number[] = [];
    for (const node of nodes) if (!distinct.includes(t.feature[node])) distinct.push(t.feature[node]);
    const u = distinct.length;
    nodes.forEach((node, i) => {
      pathNode.push(node);
      pathLeft.push(left[i] ? 1 : 0);
      pathBit.push(1 << distinct.indexOf(t.feature[node]));
    });
    pathStart.push(pathNode.length);
    features.push(...distinct);
    featureStart.push(features.length);
    tableStart.push(table.length);
    for (let pattern = 0; pattern < 1 << u; pattern++) {
      // The first split on feature k carries the pattern's bit k, later ones agree: a feature's agreement is the AND
      // over its splits, and the recursion merges repeated features into one path entry the same way.
      const seen = new Set<number>();
      const agrees = nodes.map((node) => {
        const k = distinct.indexOf(t.feature[node]);
        if (seen.has(k)) return true;
        seen.add(k);
        return ((pattern >> k) & 1) === 1;
      });
      const phi = contributions(nodes, left, agrees);
      for (const f of distinct) table.push(phi[f]);
    }
  });
  return {
    tree: t,
    splits: Int32Array.from(splits),
    goesLeft: new Uint8Array(t.feature.length),
    pathStart: Int32Array.from(pathStart),
    pathNode: Int32Array.from(pathNode),
    pathLeft: Uint8Array.from(pathLeft),
    pathBit: Int32Array.from(pathBit),
    featureStart: Int32Array.from(featureStart),
    features: Int32Array.from(features),
    tableStart: Int32Array.from(tableStart),
    table: Float64Array.from(table),
  };
}

/** Adds the tree's contributions for x into phi. */
export function explainLeafTabled(t: LeafTabledTree, x: Float64Array, phi: Float64Array): void {
  const { goesLeft, pathStart, pathNode, pathLeft, pathBit, featureStart, features, tableStart, table } = t;
  const { feature, threshold, missingLeft, categories } = t.tree;
  if (categories.size === 0) {
    for (let i = 0; i < t.splits.length; i++) {
      const node = t.splits[i];
      const v = x[feature[node]];
      goesLeft[node] = v !== v ? missingLeft[node] : +(v <= threshold[node]);
    }
  } else {
    for (let i = 0; i < t.splits.length; i++) {
      const node = t.splits[i];
      const v = x[feature[node]];
      const levels = categories.get(node);
      goesLeft[node] = v !== v ? missingLeft[node] : levels ? +levels.has(v) : +(v <= threshold[node]);
    }
  }
  const leaves = tableStart.length;
  for (let l = 0; l < leaves; l++) {
    const f0 = featureStart[l];
    const u = featureStart[l + 1] - f0;
    let pattern = (1 << u) - 1;
    // Branch-free (which way x went is data, so a branch here is mispredicted half the time): a disagreement's
    // XOR is 1, its negation all ones, and that clears the split's feature bit.
    for (let s = pathStart[l]; s < pathStart[l + 1]; s++) pattern &= ~(pathBit[s] & -(goesLeft[pathNode[s]] ^ pathLeft[s]));
    const row = tableStart[l] + pattern * u;
    for (let k = 0; k < u; k++) phi[features[f0 + k]] += table[row + k];
  }
}

/** Calls visit with each leaf's path from the root: its split nodes and whether the path goes left at each. */
function forEachLeafPath(t: TreeShape, visit: (nodes: number[], left: boolean[]) => void): void {
  const nodes: number[] = [];
  const left: boolean[] = [];
  const walk = (node: number): void => {
    if (t.feature[node] === -1) {
      visit(nodes.slice(), left.slice());
      return;
    }
    nodes.push(node);
    left.push(true);
    walk(t.left[node]);
    left[left.length - 1] = false;
    walk(t.right[node]);
    nodes.pop();
    left.pop();
  };
  walk(0);
}
