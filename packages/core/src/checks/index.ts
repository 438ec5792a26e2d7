export type { AnalysisName, CheckContext, DriftReference } from './context.js';
export { pct, shareEffect } from './helpers.js';
export { applyRepairs } from './repair/apply-repairs.js';
export { conditionMask, describeCondition } from './repair/condition.js';
export type { Transformation } from './repair/transformation.js';
export { runChecks } from './run-checks.js';
