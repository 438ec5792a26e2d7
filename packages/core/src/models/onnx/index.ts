export { MISSING_TEXT_METADATA_KEY } from './onnx-inputs.js';
export { DEFAULT_BATCH_ROWS, type OnnxModelOptions, openOnnxModel } from './open-onnx-model.js';
