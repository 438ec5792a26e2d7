import type { IncomingMessage, ServerResponse } from 'node:http';
import { VigieError } from '@vigie/core/errors';
import {
  type AlertPayload,
  createAlertEngine,
  createRequestWindow,
  createWindowMonitor,
  type MonitorConfig,
  type MonitorSnapshot,
  type ProbeResult,
  type RequestWindow,
  type WindowMonitor,
  type WindowReport,
} from '@vigie/core/monitor';
import type { DatasetProfile } from '@vigie/core/profile';
import type { Gateway } from '../gateway.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send.js';
import { createProbeRunner, type ProbeRunner } from '../probes/probe-runner.js';
import { registerMonitorMetrics } from './monitor-metrics.js';
import { createWebhookSender, type WebhookDelivery } from './webhook.js';

export interface MonitoringOptions {
  config: MonitorConfig;
  /** The training profile of each model named in `config.drift` (the CLI reads the files). */
  profiles?: ReadonlyMap<string, DatasetProfile>;
  /** Where probes are sent: the gateway's own base URL. */
  baseUrl: string;
  /** The prediction log's health, for the log-lag rule. */
  logHealth?: () => { lagMs: number; dropped: number };
  /** Window of the error-rate and latency rules. Default 5 minutes. */
  requestWindowMs?: number;
  /** Every alert, whatever its delivery (the CLI prints one line on stderr). */
  onAlert?: (alert: AlertPayload, delivery: WebhookDelivery | null) => void;
  onProbe?: (result: ProbeResult) => void;
  /** An evaluation that failed on the timer (a bug, not a finding): the CLI prints it. */
  onError?: (error: unknown) => void;
}

/** What `GET /v1/monitor` answers. */
export interface MonitorStatus {
  at: string;
  models: Array<{
    model: string;
    requests: number;
    errors: number;
    latencyP99Ms: number | null;
    window: WindowReport | null;
  }>;
  probes: ReturnType<ProbeRunner['snapshot']>;
  firing: Array<{ rule: string; subject: string; since: string }>;
}

export interface GatewayMonitoring extends AsyncDisposable {
  /** Evaluates the windows and the alert rules now, and delivers the alerts; returns them. */
  evaluate(): Promise<AlertPayload[]>;
  /** Runs every probe once now. */
  runProbes(): Promise<ProbeResult[]>;
  status(): MonitorStatus;
  /** Starts the probe and evaluation timers. */
  start(): void;
  close(): Promise<void>;
}

/** The model's inputs the profile describes (a profile often has columns the model does not take). */
function defaultFeatures(
  gateway: Gateway,
  model: string,
  profile: DatasetProfile,
  labelColumn: string | undefined,
): string[] {
  const route = gateway.getRoute(model);
  if (!route) {
    throw new VigieError(
      'INVALID_CONFIG',
      `drift watch of model "${model}": the gateway serves no such model`,
    );
  }
  const inputs = new Set(route.primary.signature.inputs.map((f) => f.name));
  const features = profile.columns
    .filter((c) => inputs.has(c.name) && c.name !== labelColumn && c.type !== 'id' && c.type !== 'text')
    .map((c) => c.name);
  if (features.length === 0) {
    throw new VigieError(
      'INVALID_CONFIG',
      `drift watch of model "${model}": none of its inputs (${[...inputs].join(', ')}) is in the profile`,
    );
  }
  return features;
}

function predictModel(path: string): string | null {
  if (!path.startsWith('/v1/models/') || !path.endsWith('/predict')) return null;
  try {
    return decodeURIComponent(path.slice(11, -8));
  } catch {
    return null;
  }
}

/**
 * Monitoring wired onto a gateway: a window monitor per watched model fed by the gateway's
 * observer (drift and data quality against the training profile), a request window per model
 * (server-side errors and latency, probes excluded), the probe runner, the alert rules evaluated
 * every `alerts.evaluateEverySeconds` and delivered to the webhook, metrics on /metrics and the
 * current state at `GET /v1/monitor` (admin).
 *
 * @example
 *   const monitoring = startMonitoring(gateway, { config, profiles, baseUrl: url });
 *   monitoring.start();
 */
export function startMonitoring(gateway: Gateway, options: MonitoringOptions): GatewayMonitoring {
  const { config } = options;
  const windows = new Map<string, WindowMonitor>();
  for (const [model, watch] of Object.entries(config.drift ?? {})) {
    const profile = options.profiles?.get(model);
    if (!profile) {
      throw new VigieError(
        'INVALID_CONFIG',
        `no training profile loaded for the drift watch of model "${model}"`,
      );
    }
    windows.set(
      model,
      createWindowMonitor({
        reference: profile,
        ...(watch.labelColumn ? { labelColumn: watch.labelColumn } : {}),
        features: watch.features ?? defaultFeatures(gateway, model, profile, watch.labelColumn),
        windowMs: watch.windowSeconds * 1000,
        buckets: watch.buckets,
        bucketCapacity: watch.bucketCapacity,
        maxSample: watch.maxSample,
        quality: {
          missingRateIncrease: watch.missingRateIncrease,
          outOfRangeShare: watch.outOfRangeShare,
          newCategoryShare: watch.newCategoryShare,
          severity: watch.severity,
        },
      }),
    );
  }
  const reports = new Map<string, WindowReport>();
  const requests = new Map<string, RequestWindow>();
  const requestWindowMs = options.requestWindowMs ?? 300_000;
  const engine = config.alerts ? createAlertEngine(config.alerts) : null;
  const send = config.alerts?.webhook ? createWebhookSender(config.alerts.webhook) : null;
  const metrics = registerMonitorMetrics(
    gateway.metrics,
    () => reports,
    () => engine?.firing().length ?? 0,
  );
  const probes = config.probes
    ? createProbeRunner({
        baseUrl: options.baseUrl,
        config: config.probes,
        onResult(result) {
          metrics.probeResult(result);
          options.onProbe?.(result);
        },
        onSkipped: (p) => metrics.probeSkipped(p.name),
      })
    : null;

  const stopObserving =
    windows.size > 0
      ? gateway.addObserver((records) => {
          for (const r of records) windows.get(r.model)?.add(r);
        })
      : () => undefined;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.headers['x-vigie-probe'] === '1') return;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const model = predictModel(q < 0 ? url : url.slice(0, q));
    if (model === null || !gateway.getRoute(model)) return;
    const t0 = performance.now();
    res.once('finish', () => {
      let w = requests.get(model);
      if (!w) requests.set(model, (w = createRequestWindow(requestWindowMs)));
      w.add(Date.now(), performance.now() - t0, res.statusCode >= 500);
    });
  };
  gateway.server.on('request', onRequest);

  gateway.mount('/v1/monitor', (req, res) => {
    if (req.method !== 'GET')
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'method not allowed on this endpoint');
    sendJson(res, 200, status());
  });

  function snapshot(now: number): MonitorSnapshot {
    const names = new Set([...windows.keys(), ...requests.keys()]);
    return {
      at: now,
      models: [...names].map((model) => {
        const r = requests.get(model)?.evaluate(now);
        return {
          model,
          requests: r?.requests ?? 0,
          errors: r?.errors ?? 0,
          latencyP99Ms: r?.latencyP99Ms ?? null,
          window: reports.get(model) ?? null,
        };
      }),
      probes: probes?.snapshot() ?? [],
      log: options.logHealth ? options.logHealth() : null,
    };
  }

  function status(): MonitorStatus {
    const s = snapshot(Date.now());
    return {
      at: new Date(s.at).toISOString(),
      models: s.models,
      probes: s.probes,
      firing: engine?.firing() ?? [],
    };
  }

  async function evaluate(): Promise<AlertPayload[]> {
    const now = Date.now();
    for (const [model, w] of windows) reports.set(model, w.evaluate(now));
    if (!engine) return [];
    const alerts = engine.evaluate(snapshot(now));
    await Promise.all(
      alerts.map(async (alert) => {
        const delivery = send ? await send(alert) : null;
        metrics.alertSent(alert.rule, alert.status, delivery === null || delivery.ok);
        options.onAlert?.(alert, delivery);
      }),
    );
    return alerts;
  }

  let timer: NodeJS.Timeout | undefined;
  let evaluating: Promise<unknown> = Promise.resolve();
  return {
    evaluate() {
      const p = evaluating.then(evaluate);
      evaluating = p.catch(() => undefined);
      return p;
    },
    runProbes: () => probes?.runOnce() ?? Promise.resolve([]),
    status,
    start() {
      probes?.start();
      if (timer) return;
      const every = (config.alerts?.evaluateEverySeconds ?? 30) * 1000;
      timer = setInterval(() => {
        evaluating = evaluating.then(evaluate).catch((error: unknown) => options.onError?.(error));
      }, every);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopObserving();
      gateway.server.off('request', onRequest);
      await probes?.close();
      await evaluating;
    },
    [Symbol.asyncDispose]() {
      return this.close();
    },
  };
}
