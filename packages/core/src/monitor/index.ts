/**
 * Monitoring: the prediction log and feedback, anonymization, live quality, windowed drift, probes
 * and alert rules. No HTTP server here (the gateway serves); the log's drivers are.
 */
export { createLogWriter, type LogWriterOptions } from './log-writer.js';
export {
  DEFAULT_PREDICTION_LOG,
  type OpenPredictionLogOptions,
  openPredictionLog,
  type PredictionLogLocation,
  parsePredictionLogUrl,
} from './open-prediction-log.js';
export type {
  JoinedRecord,
  PredictionLog,
  PredictionLogFilter,
  PredictionLogHealth,
  PredictionLogStore,
} from './prediction-log.js';
export type {
  FeedbackRecord,
  PredictionOutput,
  PredictionRecord,
  PredictionRole,
} from './prediction-record.js';
export { openSqliteLogStore, type SqliteLogOptions } from './sqlite-log-store.js';
export {
  createWindowMonitor,
  type DataQualityThresholds,
  type FeatureWindowStats,
  type WindowMonitor,
  type WindowMonitorOptions,
  type WindowReport,
} from './window/window-monitor.js';
