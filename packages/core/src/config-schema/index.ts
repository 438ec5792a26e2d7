export { configJsonSchema } from './json-schema.js';
export {
  CLASSIFICATION_METRICS,
  type EvaluationConfig,
  type GateRule,
  type GatesConfig,
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
