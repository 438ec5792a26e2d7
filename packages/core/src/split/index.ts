export { type Assignment, apportion, type Ratios, SPLIT_NAMES, type SplitName } from './assign.js';
export type { LeakageFinding } from './leakage.js';
export {
  SPLIT_SCHEMA_VERSION,
  type SplitOptions,
  type SplitPart,
  type SplitResult,
  type StratumCounts,
  splitTable,
} from './split-table.js';
