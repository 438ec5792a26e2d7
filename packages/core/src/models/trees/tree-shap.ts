import { VigieError } from '../../errors/index.js';
import type { Matrix } from '../../stats/index.js';
import type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';
import { explainRowByTables, leafTables } from './tree-shap-leaves.js';

export interface TreeShapResult {
  /** rows × features × outputs, row-major: `values[(r·F + f)·K + k]`, in raw-score units. */
  values: Float64Array;
  /** Per output, the raw score expected under the trees' covers (base score included). */
  expectedValue: Float64Array;
}

/**
 * Exact Tree SHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2): the Shapley values of each feature for each row, where a
 * coalition's value is the path-dependent expectation of the raw score — at a split on a feature
 * outside the coalition both children are followed, weighted by their `cover` (the training rows,
 * or hessian weight, that reached them). Polynomial: O(leaves · depth²) per tree and row.
 * Multiclass ensembles get one set of values per output; values are on the raw scale (before the
 * link), so expectedValue[k] + Σ_f values[r, f, k] equals the raw prediction for output k
 * (to rounding). Trees whose paths hold at most 10 distinct features are explained from per-leaf
 * tables (tree-shap-leaves.ts: the same values, d multiply-adds per leaf and row). Rows follow the ensemble's split rule (a missing value goes where the split says,
 * a categorical value left when it is one of the split's categories).
 *
 * @example
 * const { values, expectedValue } = treeShap(model.ensemble, x);
 */
export function treeShap(ensemble: TreeEnsemble, x: Matrix): TreeShapResult {
  if (x.cols !== ensemble.nFeatures)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `tree SHAP: expected ${ensemble.nFeatures} features, got ${x.cols}`,
    );
  const k = ensemble.nOutputs;
  const f = x.cols;
  const values = new Float64Array(x.rows * f * k);
  const expectedValue = Float64Array.from(ensemble.baseScore);
  const maxDepth = ensemble.trees.reduce((m, t) => Math.max(m, depthOf(t)), 0);
  const work = createWork(maxDepth, f);
  const stackNode = new Int32Array(maxDepth + 2);
  const stackMask = new Int32Array(maxDepth + 2);
  const data = x.data;
  ensemble.trees.forEach((tree, t) => {
    const out = ensemble.treeOutput[t]!;
    expectedValue[out]! += expectation(tree, 0);
    const sets = tree.categories.map((c) => (c ? new Set(c) : null));
    let p = 0;
    const left = (node: number) => goesLeft(tree, sets, node, data[p + tree.feature[node]!]!);
    const tables = leafTables(tree);
    const explain = tables
      ? () => explainRowByTables(tree, tables, left, work.phi, stackNode, stackMask)
      : pathExplainer(tree, left, work);
    for (let r = 0; r < x.rows; r++) {
      p = r * f;
      work.phi.fill(0);
      explain();
      for (let j = 0; j < f; j++) values[(r * f + j) * k + out]! += work.phi[j]!;
    }
  });
  return { values, expectedValue };
}

function depthOf(tree: DecisionTree): number {
  let max = 0;
  const stack: Array<[number, number]> = [[0, 0]];
  while (stack.length > 0) {
    const [i, d] = stack.pop()!;
    max = Math.max(max, d);
    if (tree.left[i]! >= 0) stack.push([tree.left[i]!, d + 1], [tree.right[i]!, d + 1]);
  }
  return max;
}

/** A child's share of its parent's cover (a node no row reached splits its weight evenly). */
function share(tree: DecisionTree, node: number, child: number): number {
  const w = tree.cover[node]!;
  return w > 0 ? tree.cover[child]! / w : 0.5;
}

/** The cover-weighted mean output below `node`, with the same shares the path algorithm uses. */
function expectation(tree: DecisionTree, node: number): number {
  const l = tree.left[node]!;
  if (l < 0) return tree.value[node]!;
  const r = tree.right[node]!;
  return share(tree, node, l) * expectation(tree, l) + share(tree, node, r) * expectation(tree, r);
}

/** The path of unique features from the root, one segment per recursion level (reused). */
interface Work {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  phi: Float64Array;
}

function createWork(maxDepth: number, nFeatures: number): Work {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
  return {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
    phi: new Float64Array(nFeatures),
  };
}

function goesLeft(tree: DecisionTree, sets: Array<Set<number> | null>, node: number, v: number): boolean {
  if (v !== v) return tree.missingLeft[node] === 1;
  const set = sets[node];
  return set ? set.has(v) : v <= tree.threshold[node]!;
}

/** Algorithm 2 of the paper, for trees too deep for leaf tables. */
function pathExplainer(tree: DecisionTree, left: (node: number) => boolean, w: Work): () => void {
  const recurse = (
    node: number,
    at: number,
    depth: number,
    zeroFraction: number,
    oneFraction: number,
    feature: number,
  ): void => {
    extend(w, at, depth, zeroFraction, oneFraction, feature);
    const l = tree.left[node]!;
    if (l < 0) {
      const value = tree.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const s = unwoundSum(w, at, depth, i);
        w.phi[w.feature[at + i]!]! += s * (w.one[at + i]! - w.zero[at + i]!) * value;
      }
      return;
    }
    const r = tree.right[node]!;
    const split = tree.feature[node]!;
    const hot = left(node) ? l : r;
    const cold = hot === l ? r : l;
    let inZero = 1;
    let inOne = 1;
    // A feature already on the path: undo its earlier split, so each feature appears once.
    let d = depth;
    let k = 0;
    for (; k <= d; k++) if (w.feature[at + k] === split) break;
    if (k <= d) {
      inZero = w.zero[at + k]!;
      inOne = w.one[at + k]!;
      unwind(w, at, d, k);
      d--;
    }
    const next = at + depth + 1;
    copyPath(w, at, next, d + 1);
    recurse(hot, next, d + 1, share(tree, node, hot) * inZero, inOne, split);
    copyPath(w, at, next, d + 1);
    recurse(cold, next, d + 1, share(tree, node, cold) * inZero, 0, split);
  };
  return () => recurse(0, 0, 0, 1, 1, -1);
}

function copyPath(w: Work, from: number, to: number, n: number): void {
  for (let i = 0; i < n; i++) {
    w.feature[to + i] = w.feature[from + i]!;
    w.zero[to + i] = w.zero[from + i]!;
    w.one[to + i] = w.one[from + i]!;
    w.weight[to + i] = w.weight[from + i]!;
  }
}

function extend(w: Work, at: number, depth: number, zero: number, one: number, feature: number): void {
  const { weight } = w;
  w.feature[at + depth] = feature;
  w.zero[at + depth] = zero;
  w.one[at + depth] = one;
  weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    weight[at + i + 1]! += (one * weight[at + i]! * (i + 1)) / (depth + 1);
    weight[at + i] = (zero * weight[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwind(w: Work, at: number, depth: number, index: number): void {
  const { weight } = w;
  const one = w.one[at + index]!;
  const zero = w.zero[at + index]!;
  let next = weight[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const t = weight[at + i]!;
      weight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = t - (weight[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      weight[at + i] = (weight[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    w.feature[at + i] = w.feature[at + i + 1]!;
    w.zero[at + i] = w.zero[at + i + 1]!;
    w.one[at + i] = w.one[at + i + 1]!;
  }
}

function unwoundSum(w: Work, at: number, depth: number, index: number): number {
  const { weight } = w;
  const one = w.one[at + index]!;
  const zero = w.zero[at + index]!;
  let next = weight[at + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const t = (next * (depth + 1)) / ((i + 1) * one);
      total += t;
      next = weight[at + i]! - (t * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += weight[at + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}
