export {
  type LinearClassifierSpec,
  type LinearHead,
  type LinearRegressorSpec,
  linearClassifierFromFront,
  linearClassifierOnnx,
  linearRegressorFromFront,
  linearRegressorOnnx,
  type NumericPreprocessing,
} from './linear-model.js';
export {
  type Attribute,
  ElemType,
  encodeOnnxModel,
  type OnnxModelSpec,
  type OnnxNode,
  type OnnxTensor,
  type ValueInfo,
} from './onnx-model.js';
export { type TreeEnsembleHead, treeEnsembleFromFront } from './tree-ensemble-onnx.js';
