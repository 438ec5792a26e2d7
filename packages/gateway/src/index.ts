/** @vigie/gateway: the data plane (serving, routing, shadow mirror, prediction log, feedback, metrics). */
export {
  createGateway,
  DEFAULT_MAX_BATCH_ROWS,
  type Gateway,
  type GatewayOptions,
  type MountedHandler,
  type PredictionObserver,
} from './gateway.js';
export { DEFAULT_MAX_BODY_BYTES, readBody, readJson } from './http/body.js';
export { type GatewayErrorCode, HttpError } from './http/http-error.js';
export { sendError, sendJson } from './http/send.js';
export type { MirrorOutcome } from './metrics/gateway-metrics.js';
export {
  type Counter,
  type GaugeRead,
  type Histogram,
  LATENCY_BUCKETS,
  type MetricsRegistry,
} from './metrics/prometheus.js';
export {
  type GatewayMonitoring,
  type MonitoringOptions,
  type MonitorStatus,
  startMonitoring,
} from './monitoring/gateway-monitoring.js';
export {
  createWebhookSender,
  type WebhookDelivery,
  type WebhookOptions,
  type WebhookSender,
} from './monitoring/webhook.js';
export { createProbeRunner, type ProbeRunner, type ProbeRunnerOptions } from './probes/probe-runner.js';
export * from './release/index.js';
export type { Route, RouteSummary, ServedModel } from './routing/route.js';
export { summarizeRoute } from './routing/route.js';
export { parseRouteSpec, type RouteSpec, routeFromSpec } from './routing/route-spec.js';
export type { ShadowOptions } from './routing/shadow-mirror.js';
export { bucketOf, hashKey } from './routing/sticky-hash.js';
export type { FailureObserver, PredictionFailure } from './serving/prediction-failure.js';
export type { AckMode, GatewayPredictionLog } from './serving/prediction-log-port.js';
export { loadServedModel, type ServeModelOptions, servedModel } from './serving/served-model.js';
export { createUuidV7 } from './serving/uuid-v7.js';
