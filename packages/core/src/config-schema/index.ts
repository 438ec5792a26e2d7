export { configJsonSchema } from './json-schema.js';
export {
  type AbsoluteGate,
  CLASSIFICATION_METRICS,
  type ComparisonGate,
  type EvaluationConfig,
  type GateRule,
  type GatesConfig,
  isComparisonGate,
  METRIC_NAMES,
  type MetricName,
  REGRESSION_METRICS,
  type TrainingConfig,
} from './model-schema.js';
export { parseConfig } from './parse-config.js';
export {
  type CheckSpec,
  checkSchema,
  configSchema,
  type DataSourceSpec,
  type DriftMethodName,
  type OutlierMethodName,
  type RegistryConfig,
  type RepairCondition,
  type RepairRule,
  type SplitConfig,
  type VigieConfig,
} from './schema.js';
export { formatPath, nodeAt, type Path, readYamlDocument, type YamlDocument } from './yaml-document.js';
