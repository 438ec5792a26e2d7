export { DEFAULT_BATCH_ROWS, type OnnxModelOptions, openOnnxModel } from './open-onnx-model.js';
