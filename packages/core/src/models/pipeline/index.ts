export {
  type FittedPipeline,
  fitPipeline,
  fittedPipeline,
  type PipelineColumn,
  type PipelineKind,
  type PipelineOptions,
} from './feature-pipeline.js';
export { type OnnxFront, pipelineOnnx } from './pipeline-onnx.js';
