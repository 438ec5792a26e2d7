export { type OnnxTrees, readOnnxTrees } from './onnx-trees.js';
export { leafOf, withCover } from './tree-cover.js';
export type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';
export { type TreeEnsembleJson, treeEnsembleFromJson, treeEnsembleToJson } from './tree-ensemble-json.js';
export { applyLink, type CompiledEnsemble, compileEnsemble } from './tree-predict.js';
export { type TreeShapResult, treeShap } from './tree-shap.js';
