import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVigieError } from '@vigie/core/errors';
import type { Predictions } from '@vigie/core/models';
import type { PredictionOutput, PredictionRecord, PredictionRole } from '@vigie/core/monitor';
import type { Table } from '@vigie/core/table';
import { readJson } from '../http/body.js';
import { badInput, HttpError } from '../http/http-error.js';
import { sendJsonText } from '../http/send.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { CircuitBreaker } from '../routing/circuit-breaker.js';
import type { Route, ServedModel } from '../routing/route.js';
import type { ShadowMirror } from '../routing/shadow-mirror.js';
import { bucketOf } from '../routing/sticky-hash.js';
import { checkAnswer, outputOf } from './answer.js';
import type { PredictionFailure } from './prediction-failure.js';
import type { AckMode, GatewayPredictionLog } from './prediction-log-port.js';
import type { RowsReader } from './read-rows.js';

export interface PredictDeps {
  route(name: string): Route | undefined;
  routeNames(): string[];
  readerOf(model: ServedModel): RowsReader;
  /** The model's predictions for a table (through the batcher). */
  predictWith(model: ServedModel, table: Table): Promise<Predictions>;
  metrics: GatewayMetrics;
  shadow: ShadowMirror;
  nextId(): string;
  /** Hands records to the observers (never throws). */
  emit(records: PredictionRecord[]): void;
  /** Tells the failure observers of a request the model failed (never throws). */
  emitFailure(failure: PredictionFailure): void;
  hasObservers(): boolean;
  log: GatewayPredictionLog | undefined;
  ack: AckMode;
  /** Whatever the log and observers must not see (anonymization); identity when not configured. */
  anonymize: ((inputs: Record<string, unknown>) => Record<string, unknown>) | undefined;
  logAppended(promise: Promise<void>): void;
  maxBodyBytes: number;
  maxBatchRows: number;
  /** A primary or candidate slower than this gets its request a 504 MODEL_TIMEOUT. */
  modelTimeoutMs: number;
  /** The candidate's circuit breaker: while open, its share of traffic goes to the primary. */
  candidateBreaker(model: ServedModel): CircuitBreaker;
}

const TIMED_OUT = Symbol('timed out');

/** The model's answer, or TIMED_OUT after `ms` (the call itself is not cancelled). */
function withTimeout(p: Promise<Predictions>, ms: number): Promise<Predictions | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The request key a canary is assigned by: a hash of the rows' input values when none is given. */
function defaultKey(rows: readonly unknown[], model: ServedModel): string {
  let key = '';
  for (const row of rows) {
    // A row that is not an object is refused later, by the rows reader, with its row number.
    if (row === null || typeof row !== 'object') continue;
    for (const f of model.signature.inputs)
      key += `${JSON.stringify((row as Record<string, unknown>)[f.name])}\u0000`;
  }
  return key;
}

function modelFailure(error: unknown, served: ServedModel): HttpError {
  if (isVigieError(error)) {
    if (error.code === 'PARSE_ERROR') return invalidOutput(served, error.message);
    if (
      error.code === 'INVALID_ARGUMENT' ||
      error.code === 'TYPE_MISMATCH' ||
      error.code === 'COLUMN_NOT_FOUND'
    )
      return badInput(`${served.ref} cannot take these rows: ${error.message.split('\n')[0]}`);
  }
  return new HttpError(502, 'MODEL_ERROR', `${served.ref} failed to answer`);
}

function invalidOutput(served: ServedModel, why: string): HttpError {
  return new HttpError(
    502,
    'INVALID_MODEL_OUTPUT',
    `${served.ref} gave an invalid answer, which was not returned: ${why}`,
  );
}

/**
 * `POST /v1/models/{name}/predict`: reads and checks the rows against the chosen model's
 * signature, predicts, checks the answer, logs it (waiting for the commit with ack 'logged'),
 * answers, then hands the records to the observers and a copy to the shadow.
 */
export function createPredictHandler(deps: PredictDeps) {
  return async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    const started = performance.now();
    const route = deps.route(name);
    if (!route) {
      req.resume();
      const known = deps.routeNames();
      throw new HttpError(
        404,
        'UNKNOWN_MODEL',
        `no model named "${name.slice(0, 80)}" (served: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
    const body = await readJson(req, deps.maxBodyBytes);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badInput('body: expected a JSON object {"rows": [...]}');
    const rows = (body as { rows?: unknown }).rows;
    if (rows === undefined) throw badInput('body: missing "rows" (a list of objects)');

    const probe = req.headers['x-vigie-probe'] === '1';
    const header = req.headers['x-vigie-request-key'];
    let requestKey = typeof header === 'string' && header.length > 0 ? header : undefined;
    let served = route.primary;
    let role: PredictionRole = 'primary';
    const candidate = route.candidate;
    if (candidate && candidate.weight > 0 && Array.isArray(rows)) {
      requestKey ??= defaultKey(rows, route.primary);
      if (candidate.weight >= 1 || bucketOf(requestKey) < candidate.weight) {
        if (deps.candidateBreaker(candidate.model).allow()) {
          served = candidate.model;
          role = 'candidate';
        } else deps.metrics.candidateFallbacks(route.name, candidate.model.version).inc();
      }
    }
    const breaker = role === 'candidate' ? deps.candidateBreaker(served) : undefined;
    let table: Table;
    try {
      table = deps.readerOf(served)(rows, deps.maxBatchRows);
    } catch (error) {
      breaker?.cancel();
      throw error;
    }
    const n = table.rowCount;
    const m = deps.metrics.answer(route.name, served.version, role);

    const t0 = performance.now();
    let predictions: Predictions;
    try {
      const answer = await withTimeout(deps.predictWith(served, table), deps.modelTimeoutMs);
      if (answer === TIMED_OUT) {
        breaker?.failure();
        deps.emitFailure({
          model: route.name,
          version: served.version,
          role,
          probe,
          rows: n,
          reason: 'timeout',
        });
        throw new HttpError(
          504,
          'MODEL_TIMEOUT',
          `${served.ref} did not answer within ${deps.modelTimeoutMs} ms`,
        );
      }
      predictions = answer;
    } catch (error) {
      if (error instanceof HttpError && error.code === 'MODEL_TIMEOUT') throw error;
      const failure = modelFailure(error, served);
      if (failure.status >= 500) breaker?.failure();
      else breaker?.cancel();
      if (failure.code === 'INVALID_MODEL_OUTPUT') m.invalidOutputs.inc();
      if (failure.status >= 500)
        deps.emitFailure({
          model: route.name,
          version: served.version,
          role,
          probe,
          rows: n,
          reason: failure.code === 'INVALID_MODEL_OUTPUT' ? 'invalid_output' : 'error',
        });
      throw failure;
    }
    const modelMs = performance.now() - t0;
    try {
      checkAnswer(predictions, n, served.signature, served.ref);
      breaker?.success();
    } catch (error) {
      breaker?.failure();
      m.invalidOutputs.inc();
      deps.emitFailure({
        model: route.name,
        version: served.version,
        role,
        probe,
        rows: n,
        reason: 'invalid_output',
      });
      throw error;
    }

    const list = rows as Record<string, unknown>[];
    const ids: string[] = new Array(n);
    const outputs: PredictionOutput[] = new Array(n);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const id = deps.nextId();
      const output = outputOf(predictions, i);
      ids[i] = id;
      outputs[i] = output;
      out[i] = { id, ...output };
    }
    const beta = route.beta === true || served.beta;
    const text = JSON.stringify(
      beta
        ? { modelVersion: served.ref, predictions: out, beta: true }
        : { modelVersion: served.ref, predictions: out },
    );

    const needRecords = deps.log !== undefined || deps.hasObservers();
    const mirror = route.shadow !== undefined && !probe;
    let records: PredictionRecord[] | undefined;
    let inputs: Record<string, unknown>[] | undefined;
    if (needRecords || mirror) {
      const anonymize = deps.anonymize;
      inputs = anonymize ? list.map((r) => anonymize(r)) : list;
    }
    if (needRecords) {
      const at = new Date().toISOString();
      records = new Array(n);
      for (let i = 0; i < n; i++)
        records[i] = {
          id: ids[i]!,
          at,
          model: route.name,
          version: served.version,
          role,
          probe,
          ...(requestKey !== undefined ? { requestKey } : {}),
          inputs: inputs![i]!,
          output: outputs[i]!,
          latencyMs: modelMs,
        };
    }
    if (records && deps.log) {
      const appended = deps.log.append(records);
      deps.logAppended(appended);
      if (deps.ack === 'logged') {
        try {
          await appended;
        } catch {
          throw new HttpError(
            503,
            'LOG_UNAVAILABLE',
            'the prediction log did not commit the predictions, so they are not returned (ack "logged")',
          );
        }
      }
    }

    sendJsonText(res, 200, text);

    if (probe) deps.metrics.probes(route.name).inc();
    else {
      m.requests.inc();
      m.predictions.inc(n);
      m.latency.observe((performance.now() - started) / 1000);
    }
    if (records) deps.emit(records);
    if (mirror)
      deps.shadow.enqueue({
        route: route.name,
        shadow: route.shadow!,
        rows: list,
        primaryIds: ids,
        inputs: inputs!,
        requestKey,
      });
  };
}
