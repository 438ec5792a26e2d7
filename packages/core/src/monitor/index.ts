/**
 * Monitoring: the prediction log and feedback, anonymization, live quality, windowed drift, probes
 * and alert rules. No HTTP server here (the gateway serves); the log's drivers are.
 */

export {
  type AlertRule,
  type AlertsConfig,
  alertRule,
  alertsConfig,
  ruleName,
} from './alerts/alert-config.js';
export { type AlertEngine, createAlertEngine } from './alerts/alert-engine.js';
export { ALERT_SCHEMA_VERSION, type AlertPayload } from './alerts/alert-payload.js';
export type { ModelSnapshot, MonitorSnapshot, ProbeSnapshot } from './alerts/monitor-snapshot.js';
export {
  type AnonymizationConfig,
  anonymizer,
  checkAnonymizedFields,
  parseAnonymization,
} from './anonymize.js';
export { type LabelledTableOptions, labelledTable } from './labelled-table.js';
export {
  type ClassQuality,
  type LiveClassification,
  type LiveQuality,
  type LiveQualityOptions,
  type LiveRegression,
  liveQuality,
} from './live-quality.js';
export { createLogWriter, type LogWriterOptions } from './log-writer.js';
export {
  type DriftWatch,
  driftWatch,
  type MonitorConfig,
  monitorConfig,
  parseMonitorConfig,
} from './monitor-config.js';
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
export {
  checkProbe,
  compareToExpectation,
  type ProbeResponse,
  type ProbeResult,
} from './probes/check-probe.js';
export {
  type ProbeExpectation,
  type ProbeSpec,
  type ProbesConfig,
  probeExpectation,
  probeSpec,
  probesConfig,
} from './probes/probe-spec.js';
export { openSqliteLogStore, type SqliteLogOptions } from './sqlite-log-store.js';
export {
  createRequestWindow,
  type RequestWindow,
  type RequestWindowStats,
} from './window/request-window.js';
export {
  createWindowMonitor,
  type DataQualityThresholds,
  type FeatureWindowStats,
  type WindowMonitor,
  type WindowMonitorOptions,
  type WindowReport,
} from './window/window-monitor.js';
