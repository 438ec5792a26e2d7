/**
 * Model metrics with scikit-learn's names (camelCase), argument order, defaults and definitions —
 * classification, ranking, probabilistic and regression — verified against scikit-learn and
 * statsmodels on committed golden fixtures; bootstrap intervals, metrics per slice, and paired
 * comparisons of a candidate and a champion on the same rows (McNemar, DeLong, paired bootstrap)
 * with the rows needed to decide.
 */
export {
  type AccuracyScoreOptions,
  accuracyScore,
  type BalancedAccuracyScoreOptions,
  balancedAccuracyScore,
} from './accuracy.js';
export { type BrierScoreLossOptions, brierScoreLoss } from './brier.js';
export {
  type CalibrationCurve,
  type CalibrationCurveOptions,
  calibrationCurve,
  expectedCalibrationError,
} from './calibration.js';
export {
  type AveragedScores,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassScores,
  classificationReport,
} from './classification-report.js';
export { type ConfusionMatrix, type ConfusionMatrixOptions, confusionMatrix } from './confusion-matrix.js';
export {
  type ClassificationCounts,
  type ClassificationCountsOptions,
  classificationCounts,
} from './counts.js';
export { type DelongOptions, type DelongResult, delongRocAucTest } from './delong.js';
export type { Label, LabelArray } from './labels.js';
export { type LogLossOptions, logLoss } from './log-loss.js';
export { type McnemarOptions, type McnemarResult, mcnemar, mcnemarFromCounts } from './mcnemar.js';
export {
  type AveragePrecisionScoreOptions,
  averagePrecisionScore,
  type PrecisionRecallCurve,
  type PrecisionRecallCurveOptions,
  precisionRecallCurve,
} from './precision-recall.js';
export {
  type Average,
  type FbetaOptions,
  f1Score,
  fbetaScore,
  type PrfOptions,
  type PrfResult,
  type PrfValue,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  type ZeroDivision,
} from './prf.js';
export {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  type R2ScoreOptions,
  type RegressionOptions,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';
export {
  type RegressionReport,
  type RegressionReportOptions,
  regressionReport,
} from './regression-report.js';
export {
  type IntervalMethod,
  type MetricInterval,
  type MetricIntervalOptions,
  metricInterval,
} from './resampling/metric-interval.js';
export {
  type PairedBootstrapOptions,
  type PairedBootstrapResult,
  pairedBootstrap,
} from './resampling/paired-bootstrap.js';
export type { Metric, Rows } from './resampling/rows.js';
export {
  type MetricSpec,
  type SliceMetricsOptions,
  type SliceMetricsResult,
  type SliceMetricValue,
  type SliceReport,
  sliceMetrics,
} from './resampling/slices.js';
export { type RocAucScoreOptions, rocAucScore } from './roc-auc.js';
export { type RocCurve, type RocCurveOptions, rocCurve } from './roc-curve.js';
export {
  type McnemarRowsNeededInput,
  mcnemarRowsNeeded,
  type RowsNeeded,
  type RowsNeededInput,
  rowsNeeded,
} from './sample-size.js';
