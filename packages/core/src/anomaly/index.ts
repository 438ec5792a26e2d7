/**
 * Anomaly detectors with scikit-learn's estimator contract: `fit(data, params)` returns a new,
 * immutable, serializable fitted value (`toJSON()` / `fromJSON()`), deterministic for a seed.
 * Univariate detectors take a `Sample`; multivariate ones a row-major `Matrix`.
 */
export { type DbscanJson, type DbscanParams, dbscan, FittedDbscan } from './dbscan.js';
export { FittedIqrFences, type IqrFencesJson, type IqrFencesParams, iqrFences } from './iqr-fences.js';
export {
  FittedIsolationForest,
  type IsolationForestJson,
  type IsolationForestParams,
  isolationForest,
} from './isolation-forest.js';
export {
  FittedLocalOutlierFactor,
  type LocalOutlierFactorJson,
  type LocalOutlierFactorParams,
  localOutlierFactor,
} from './local-outlier-factor.js';
export { checkMatrix, type Matrix, matrixFromRows } from './matrix.js';
export {
  FittedRobustZScore,
  type RobustZScoreJson,
  type RobustZScoreParams,
  robustZScore,
} from './robust-z-score.js';
export type { UnivariateFlags } from './univariate-flags.js';
export { FittedZScore, type ZScoreJson, type ZScoreParams, zScore } from './z-score.js';
