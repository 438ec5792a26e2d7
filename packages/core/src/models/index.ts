export {
  createHttpModel,
  DEFAULT_HTTP_BATCH_ROWS,
  DEFAULT_HTTP_TIMEOUT_MS,
  HTTP_PROTOCOLS,
  type HttpModelOptions,
  type HttpProtocolName,
} from './http/index.js';
export * from './learners/gbdt/index.js';
export * from './learners/index.js';
export { DEFAULT_BATCH_ROWS, type OnnxModelOptions, openOnnxModel } from './onnx/index.js';
export { type OnnxTensorRunner, openOnnxTensorRunner } from './onnx/onnx-tensor-runner.js';
export * from './onnx-export/index.js';
export { type ModelLocation, type OpenModelOptions, openModel, parseModelLocation } from './open-model.js';
export * from './pipeline/index.js';
export type {
  ModelRuntime,
  ModelSignature,
  Predictions,
  PredictOptions,
  SignatureField,
  Task,
} from './runtime.js';
export * from './search/index.js';
export {
  type DeclaredSignature,
  mergeSignatures,
  parseSignature,
  parseSignatureJson,
  SIGNATURE_METADATA_KEY,
} from './signature.js';
export * from './trainers/index.js';
export * from './trees/index.js';
export {
  clampProbabilities,
  createClassIndex,
  PROBABILITY_TOLERANCE,
  validatePredictions,
} from './validate-predictions.js';
