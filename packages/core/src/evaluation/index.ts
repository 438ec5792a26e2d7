export { type CompareOptions, type Comparison, compareOn, rowsToDecide, testFor } from './compare.js';
export { baselineVerdict, dummyPredictions, fitVerdict } from './diagnosis.js';
export {
  type BootstrapSettings,
  type Curve,
  DEFAULT_BOOTSTRAP,
  type EvaluateOptions,
  type EvaluationResult,
  evaluatePrepared,
  type MetricResult,
  pointMetrics,
} from './evaluate.js';
export { type GateInputs, runGates } from './gates.js';
export {
  defaultMetrics,
  higherIsBetter,
  type MetricCall,
  type MetricDef,
  metricDef,
  metricsForTask,
} from './metric-catalog.js';
export { type Prepared, prepareEvaluation, subsetPrepared } from './prepare.js';
