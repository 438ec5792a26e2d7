import type { Matrix } from '../../stats/index.js';
import type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';

/** The leaf (node index) a row of `x` reaches in `tree`, following DecisionTree's split rule. */
export function leafOf(tree: DecisionTree, x: Matrix, row: number): number {
  let i = 0;
  const base = row * x.cols;
  while (tree.left[i]! >= 0) {
    const v = x.data[base + tree.feature[i]!]!;
    const cats = tree.categories[i];
    const goLeft = Number.isNaN(v)
      ? tree.missingLeft[i] === 1
      : cats
        ? cats.includes(v)
        : v <= tree.threshold[i]!;
    i = goLeft ? tree.left[i]! : tree.right[i]!;
  }
  return i;
}

/**
 * The same ensemble with each node's cover set to the number of rows of `x` that pass through it,
 * for models whose file does not store covers (ONNX) but whose explanation needs them (Tree SHAP's
 * path-dependent expectations). With the training rows it is the trees' own cover; with other rows,
 * the expectation Tree SHAP takes is over those rows.
 */
export function withCover(ensemble: TreeEnsemble, x: Matrix): TreeEnsemble {
  const trees = ensemble.trees.map((tree) => {
    const cover = new Float64Array(tree.feature.length);
    for (let r = 0; r < x.rows; r++) {
      let i = 0;
      const base = r * x.cols;
      for (;;) {
        cover[i]!++;
        if (tree.left[i]! < 0) break;
        const v = x.data[base + tree.feature[i]!]!;
        const cats = tree.categories[i];
        const goLeft = Number.isNaN(v)
          ? tree.missingLeft[i] === 1
          : cats
            ? cats.includes(v)
            : v <= tree.threshold[i]!;
        i = goLeft ? tree.left[i]! : tree.right[i]!;
      }
    }
    return { ...tree, cover };
  });
  return { ...ensemble, trees };
}
