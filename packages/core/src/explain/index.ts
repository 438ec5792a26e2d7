/**
 * Explanations of any model Vigie can run (an ONNX file, a registered version, a model server), on
 * the raw columns the user sees: permutation importance (scikit-learn's), Kernel SHAP (shap's
 * KernelExplainer), LIME for a tabular row (lime's LimeTabularExplainer), and Tree SHAP for the
 * tree ensembles of an ONNX file. Verified against shap, lime and scikit-learn on committed
 * fixtures (scripts/models/explain_fixtures.py).
 */
export {
  type Explanation,
  type GlobalShap,
  globalShap,
  type LocalShap,
  localShap,
  type ShapResult,
} from './explanation.js';
export { type KernelShapOptions, type KernelShapResult, kernelShap, type RowShap } from './kernel-shap.js';
export { type LimeFeature, type LimeOptions, type LimeResult, limeTabular } from './lime-tabular.js';
export { type ExplainedOutputs, explainedOutputs } from './model-output.js';
export {
  type ColumnImportance,
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  permutationImportance,
} from './permutation-importance.js';
export { sampleRows } from './sample-rows.js';
export { autoSamples, shapleyCoalitions } from './shapley-coalitions.js';
export {
  explainTrees,
  featureLineage,
  TREE_SHAP,
  type TreeShapFn,
  type TreeShapOptions,
  treeScale,
} from './tree-shap-explain.js';
