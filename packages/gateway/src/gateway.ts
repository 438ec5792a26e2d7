import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Predictions } from '@vigie/core/models';
import type { PredictionRecord } from '@vigie/core/monitor';
import type { Table } from '@vigie/core/table';
import { checkAdminToken } from './http/admin-auth.js';
import { DEFAULT_MAX_BODY_BYTES, readJson } from './http/body.js';
import { HttpError } from './http/http-error.js';
import { sendError, sendJson } from './http/send.js';
import { createGatewayMetrics } from './metrics/gateway-metrics.js';
import { registerLogMetrics } from './metrics/log-metrics.js';
import { registerProcessMetrics } from './metrics/process-metrics.js';
import { createMetricsRegistry, type MetricsRegistry } from './metrics/prometheus.js';
import { type CircuitBreaker, createCircuitBreaker } from './routing/circuit-breaker.js';
import { type Route, type ServedModel, summarizeRoute } from './routing/route.js';
import { parseRouteSpec, routeFromSpec } from './routing/route-spec.js';
import { createShadowMirror, type ShadowOptions } from './routing/shadow-mirror.js';
import { type Batcher, createBatcher, DEFAULT_BATCH_ROWS } from './serving/batcher.js';
import { createFeedbackHandler } from './serving/feedback-handler.js';
import { createPredictHandler } from './serving/predict-handler.js';
import type { FailureObserver, PredictionFailure } from './serving/prediction-failure.js';
import type { AckMode, GatewayPredictionLog } from './serving/prediction-log-port.js';
import { createRowsReader, type RowsReader } from './serving/read-rows.js';
import { createUuidV7 } from './serving/uuid-v7.js';

/** 1,000 rows per predict request by default. */
export const DEFAULT_MAX_BATCH_ROWS = 1000;

/** Called with the records of every answer (one per row); exceptions are counted and ignored. */
export type PredictionObserver = (records: readonly PredictionRecord[]) => void;

/**
 * A handler mounted under a path prefix (the release controller mounts `/v1/admin/releases`).
 * Throw an HttpError for an error answer; `path` is the request path without its query.
 */
export type MountedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<void> | void;

export interface GatewayOptions {
  routes?: Iterable<Route>;
  /** Where every prediction is appended (core monitor's PredictionLog). */
  log?: GatewayPredictionLog;
  /** Default 'received'; 'logged' answers only after the records are committed to `log`. */
  ack?: AckMode;
  /** Default 1 MiB; a larger body gets 413. */
  maxBodyBytes?: number;
  /** Rows per predict request; more gets 413. Default 1,000. */
  maxBatchRows?: number;
  /** Bearer token the admin API requires; no token, no check (keep the gateway on loopback then). */
  adminToken?: string;
  /** Loads a model version named by an admin request (`PUT /v1/admin/routes/{name}`). */
  loadModel?: (ref: string) => Promise<ServedModel>;
  shadow?: ShadowOptions;
  /** A primary or candidate slower than this answers 504 MODEL_TIMEOUT. Default 5,000 ms. */
  modelTimeoutMs?: number;
  /**
   * A circuit breaker on candidates: after `failureThreshold` failures in a row (5xx, timeouts) a
   * candidate's share of traffic goes to the primary for `cooldownMs` (default 10 s), then one
   * trial request. Off by default: under a release the controller's canary analysis must see the
   * candidate's errors to roll it back; set it for candidates no controller watches.
   */
  candidateBreaker?: { failureThreshold?: number; cooldownMs?: number };
  /**
   * Rows per model call when concurrent requests are merged (see createBatcher). Default 256; 1
   * calls the model once per request.
   */
  batchRows?: number;
  /** Applied to every row's inputs before records reach the log and the observers. */
  anonymize?: (inputs: Record<string, unknown>) => Record<string, unknown>;
  /** Unexpected errors (a bug, not a bad request): the CLI prints them. */
  onError?: (error: unknown) => void;
}

export interface Gateway extends AsyncDisposable {
  readonly server: Server;
  /** The registry /metrics renders: add your own metrics to it. */
  readonly metrics: MetricsRegistry;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<string>;
  /** Replaces (or adds) the route of `route.name` in one assignment: a rollback is one call. */
  setRoute(route: Route): void;
  getRoute(name: string): Route | undefined;
  deleteRoute(name: string): boolean;
  routes(): Route[];
  /** Resolves a ref to a loaded model: one served so far (kept warm), else through `loadModel`. */
  resolveModel(ref: string): Promise<ServedModel>;
  /** Returns the function that removes the observer. */
  addObserver(observer: PredictionObserver): () => void;
  /** Hears of every request a model failed (no record exists for those); returns the remover. */
  addFailureObserver(observer: FailureObserver): () => void;
  mount(prefix: string, handler: MountedHandler, options?: { admin?: boolean }): void;
  /** /readyz answers 200 only when ready (default true) and at least one route is set. */
  setReady(ready: boolean): void;
  /** Stops taking connections, finishes the requests in flight, the shadow calls and the log appends. */
  close(): Promise<void>;
}

/**
 * The data plane over node:http: predict, feedback, metrics, health and the admin routes API.
 *
 * @example
 *   const primary = await loadServedModel('penguins.onnx', { ref: 'penguins@1' });
 *   const gateway = createGateway({ routes: [{ name: 'penguins', primary }] });
 *   const url = await gateway.listen(7800);   // POST {url}/v1/models/penguins/predict
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const routes = new Map<string, Route>();
  // Every model version served so far, kept loaded (warm) so a rollback to it is instant.
  const known = new Map<string, ServedModel>();
  const remember = (route: Route) => {
    for (const m of [route.primary, route.candidate?.model, route.shadow])
      if (m && !known.has(m.ref)) known.set(m.ref, m);
  };
  const putRoute = (route: Route) => {
    remember(route);
    routes.set(route.name, route);
  };
  for (const r of options.routes ?? []) putRoute(r);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
  const log = options.log;
  const registry = createMetricsRegistry();
  const metrics = createGatewayMetrics(registry);
  const stopProcessMetrics = registerProcessMetrics(registry);
  if (log) registerLogMetrics(registry, log);
  const observers = new Set<PredictionObserver>();
  const failureObservers = new Set<FailureObserver>();
  const emitFailure = (failure: PredictionFailure) => {
    for (const o of failureObservers) {
      try {
        o(failure);
      } catch {
        metrics.observerErrors.inc();
      }
    }
  };
  const readers = new WeakMap<ServedModel, RowsReader>();
  const breakers = new WeakMap<ServedModel, CircuitBreaker>();
  const candidateBreaker = (model: ServedModel): CircuitBreaker => {
    let b = breakers.get(model);
    if (!b) {
      b = createCircuitBreaker(
        options.candidateBreaker?.failureThreshold ?? Number.POSITIVE_INFINITY,
        options.candidateBreaker?.cooldownMs ?? 10_000,
      );
      breakers.set(model, b);
    }
    return b;
  };
  const batchers = new WeakMap<ServedModel, Batcher>();
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const predictWith = (model: ServedModel, table: Table): Promise<Predictions> => {
    if (batchRows <= 1) return model.model.predict(table);
    let b = batchers.get(model);
    if (!b) {
      b = createBatcher(model.model, batchRows);
      batchers.set(model, b);
    }
    return b.predict(table);
  };
  const loaded = new Map<string, Promise<ServedModel>>();
  const owned: ServedModel[] = [];
  const mounts: Array<{ prefix: string; handler: MountedHandler; admin: boolean }> = [];
  const nextId = createUuidV7();
  let ready = true;
  let closing = false;
  let lastAppend: Promise<unknown> = Promise.resolve();

  const readerOf = (model: ServedModel): RowsReader => {
    let r = readers.get(model);
    if (!r) {
      r = createRowsReader(model.signature);
      readers.set(model, r);
    }
    return r;
  };
  const emit = (records: PredictionRecord[]) => {
    for (const o of observers) {
      try {
        o(records);
      } catch {
        metrics.observerErrors.inc();
      }
    }
  };
  const shadow = createShadowMirror(options.shadow ?? {}, {
    metrics,
    readerOf,
    predictWith,
    nextId,
    emitFailure,
    maxBatch: maxBatchRows,
    wantsRecords: () => log !== undefined || observers.size > 0,
    emit(records) {
      emit(records);
      if (log) {
        const p = log.append(records);
        lastAppend = p.catch(() => metrics.logAppendFailures.inc());
      }
    },
  });
  const predict = createPredictHandler({
    route: (name) => routes.get(name),
    routeNames: () => [...routes.keys()],
    readerOf,
    predictWith,
    metrics,
    shadow,
    nextId,
    emit,
    emitFailure,
    hasObservers: () => observers.size > 0,
    log,
    ack: options.ack ?? 'received',
    anonymize: options.anonymize,
    logAppended(p) {
      lastAppend = p.catch(() => {
        if ((options.ack ?? 'received') === 'received') metrics.logAppendFailures.inc();
      });
    },
    maxBodyBytes,
    maxBatchRows,
    modelTimeoutMs: options.modelTimeoutMs ?? 5000,
    candidateBreaker,
  });
  const feedback = createFeedbackHandler({
    log,
    appendsSettled: () => lastAppend.then(() => undefined),
    maxBodyBytes,
  });

  const resolveModel = async (ref: string): Promise<ServedModel> => {
    const served = known.get(ref);
    if (served) return served;
    const pending = loaded.get(ref);
    if (pending) return pending;
    if (!options.loadModel)
      throw new HttpError(
        400,
        'INVALID_INPUT',
        `model version "${ref.slice(0, 80)}" is not loaded (loaded: ${[...known.keys()].join(', ')})`,
      );
    const p = options.loadModel(ref).then((m) => {
      owned.push(m);
      return m;
    });
    loaded.set(ref, p);
    p.catch(() => loaded.delete(ref));
    return p;
  };

  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    checkAdminToken(req, options.adminToken);
    if (path === '/v1/admin/routes') {
      if (req.method !== 'GET') throw notAllowed();
      sendJson(res, 200, { routes: [...routes.values()].map(summarizeRoute) });
      return;
    }
    const name = decodePath(path.slice('/v1/admin/routes/'.length));
    if (req.method === 'GET') {
      const route = routes.get(name);
      if (!route) throw new HttpError(404, 'UNKNOWN_MODEL', `no route named "${name.slice(0, 80)}"`);
      sendJson(res, 200, summarizeRoute(route));
      return;
    }
    if (req.method !== 'PUT') throw notAllowed();
    const spec = parseRouteSpec(await readJson(req, maxBodyBytes));
    let route: Route;
    try {
      route = await routeFromSpec(name, spec, resolveModel);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(
        400,
        'INVALID_INPUT',
        `cannot load a model of the route: ${(error as Error).message?.split('\n')[0]}`,
      );
    }
    putRoute(route);
    sendJson(res, 200, summarizeRoute(route));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path.startsWith('/v1/models/') && path.endsWith('/predict')) {
      if (req.method !== 'POST') throw notAllowed();
      const name = decodePath(path.slice(11, -8));
      await predict(req, res, name);
      return;
    }
    if (path === '/v1/feedback') {
      if (req.method !== 'POST') throw notAllowed();
      await feedback(req, res);
      return;
    }
    if (path === '/metrics') {
      const text = registry.render();
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/readyz') {
      const isReady = ready && !closing && routes.size > 0;
      sendJson(res, isReady ? 200 : 503, { ready: isReady, models: [...routes.keys()] });
      return;
    }
    if (path === '/v1/admin/routes' || path.startsWith('/v1/admin/routes/')) {
      await admin(req, res, path);
      return;
    }
    for (const m of mounts)
      if (path === m.prefix || path.startsWith(`${m.prefix}/`)) {
        if (m.admin) checkAdminToken(req, options.adminToken);
        await m.handler(req, res, path);
        return;
      }
    throw new HttpError(404, 'NOT_FOUND', `no such endpoint: ${req.method} ${path.slice(0, 80)}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The client went away mid-request: nobody to answer, nothing to report.
      if (req.destroyed && !(error instanceof HttpError)) return;
      if (error instanceof HttpError) {
        metrics.error(error.code).inc();
        if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
        sendError(res, error.status, error.code, error.message);
        return;
      }
      metrics.error('INTERNAL').inc();
      options.onError?.(error);
      sendError(res, 500, 'INTERNAL', 'the gateway failed on this request');
    });
  });
  server.keepAliveTimeout = 30_000;

  return {
    server,
    metrics: registry,
    listen(port = 7800, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve(`http://${h}:${a.port}`);
        });
      });
    },
    setRoute: putRoute,
    getRoute: (name) => routes.get(name),
    deleteRoute: (name) => routes.delete(name),
    routes: () => [...routes.values()],
    resolveModel,
    addObserver(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    addFailureObserver(observer) {
      failureObservers.add(observer);
      return () => failureObservers.delete(observer);
    },
    mount(prefix, handler, opts = {}) {
      mounts.push({ prefix: prefix.replace(/\/+$/, ''), handler, admin: opts.admin !== false });
    },
    setReady(value) {
      ready = value;
    },
    async close() {
      if (closing) return;
      closing = true;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
        if (!server.listening) resolve();
      });
      await shadow.close();
      await lastAppend;
      stopProcessMetrics();
      for (const m of owned.splice(0)) await m.model[Symbol.asyncDispose]();
    },
    [Symbol.asyncDispose]() {
      return this.close();
    },
  };
}

/** A path segment, percent-decoded; a malformed escape is a 400, not a crash. */
function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', 'the path has a malformed percent escape');
  }
}

function notAllowed(): HttpError {
  return new HttpError(405, 'METHOD_NOT_ALLOWED', 'method not allowed on this endpoint');
}
