/**
 * Monitoring: the prediction log and feedback, anonymization, live quality, windowed drift, probes
 * and alert rules. No HTTP server here (the gateway serves); the log's drivers are.
 */
export type {
  FeedbackRecord,
  PredictionOutput,
  PredictionRecord,
  PredictionRole,
} from './prediction-record.js';
export {
  createWindowMonitor,
  type DataQualityThresholds,
  type FeatureWindowStats,
  type WindowMonitor,
  type WindowMonitorOptions,
  type WindowReport,
} from './window/window-monitor.js';
