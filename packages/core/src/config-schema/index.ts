export { configJsonSchema } from './json-schema.js';
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
