/**
 * A fitted ensemble of binary decision trees in one plain form, shared by the built-in gradient
 * boosting (which fits it), its ONNX export, the reader of ONNX tree ensembles and Tree SHAP.
 *
 * Node i of a tree: a split when `left[i] >= 0`, else a leaf. A split sends a row left when its
 * feature value is ≤ `threshold[i]` (numeric), or when it is one of `categories[i]` (categorical:
 * feature values are integer codes); a missing value (NaN) goes left when `missingLeft[i]` is 1.
 * `value` holds the leaf outputs (raw scores, before the link function); `cover` the training rows
 * (or hessian weight) that reached each node — Tree SHAP needs it.
 */
export interface DecisionTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  /** For categorical splits, the codes that go left; null for numeric ones. */
  categories: Array<Int32Array | null>;
  value: Float64Array;
  cover: Float64Array;
}

export interface TreeEnsemble {
  task: 'classification' | 'regression';
  nFeatures: number;
  /** Raw-score outputs: 1 for regression and binary classification, K for K > 2 classes. */
  nOutputs: number;
  /** Tree t adds to output `treeOutput[t]`. */
  trees: DecisionTree[];
  treeOutput: Int32Array;
  /** The starting raw score of each output (the prior). */
  baseScore: Float64Array;
  /** How raw scores become predictions: identity, logistic (binary) or softmax. */
  link: 'identity' | 'logistic' | 'softmax';
}
