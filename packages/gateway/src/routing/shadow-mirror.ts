import type { Predictions } from '@vigie/core/models';
import type { PredictionRecord } from '@vigie/core/monitor';
import type { Table } from '@vigie/core/table';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { checkAnswer, outputOf } from '../serving/answer.js';
import type { PredictionFailure } from '../serving/prediction-failure.js';
import type { RowsReader } from '../serving/read-rows.js';
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
import type { ServedModel } from './route.js';

export interface ShadowOptions {
  /** Mirrors waiting for a call; beyond, new ones are dropped (counted). Default 1000. */
  queueSize?: number;
  /** Mirrors in flight at once (those started together go to the model in one merged call). Default 64. */
  concurrency?: number;
  /**
   * How long the first queued mirror waits for others before the shadow runs, so the shadow runs
   * in a few merged calls rather than one call right behind each answer (where it would delay the
   * next request). Default 5 ms.
   */
  lingerMs?: number;
  /** Per call; a slower answer counts as timed out and is discarded. Default 1000 ms. */
  timeoutMs?: number;
  /** Failures or timeouts in a row that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses mirrors before one trial. Default 5000 ms. */
  cooldownMs?: number;
}

/** One primary answer to replay on the shadow model. */
export interface MirrorJob {
  readonly route: string;
  readonly shadow: ServedModel;
  readonly rows: readonly Record<string, unknown>[];
  /** The ids of the primary's predictions, one per row: the shadow's records are paired with them. */
  readonly primaryIds: readonly string[];
  readonly inputs: readonly Record<string, unknown>[];
  readonly requestKey: string | undefined;
}

export interface ShadowMirror {
  /** Queues a mirror and returns at once: the caller never waits on the shadow. */
  enqueue(job: MirrorJob): void;
  /** Mirrors queued or in flight. */
  readonly pending: number;
  /** Stops taking mirrors, drops the queued ones (counted) and waits for those in flight (at most
   * the call timeout, and at most a second). */
  close(): Promise<void>;
}

interface Deps {
  metrics: GatewayMetrics;
  readerOf(model: ServedModel): RowsReader;
  predictWith(model: ServedModel, table: Table): Promise<Predictions>;
  nextId(): string;
  emit(records: PredictionRecord[]): void;
  /** A mirrored request the shadow failed (threw, timed out, invalid answer). */
  emitFailure(failure: PredictionFailure): void;
  /** Whether anyone reads the records (observers or a log): if not, none are built. */
  wantsRecords(): boolean;
  maxBatch: number;
}

class TimedOut extends Error {}

/**
 * Replays primary traffic on shadow models, off the request path: a bounded queue, a few calls in
 * flight, a timeout per call and a circuit breaker per shadow model. Every outcome is counted in
 * vigie_gateway_shadow_mirrors_total; answers become `role: 'shadow'` records paired with the
 * primary's ids and go to the observers (never to users).
 */
export function createShadowMirror(options: ShadowOptions, deps: Deps): ShadowMirror {
  const queueSize = options.queueSize ?? 1000;
  const concurrency = options.concurrency ?? 64;
  const lingerMs = options.lingerMs ?? 5;
  const timeoutMs = options.timeoutMs ?? 1000;
  const threshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 5000;
  const breakers = new WeakMap<ServedModel, CircuitBreaker>();
  const queue: MirrorJob[] = [];
  let head = 0;
  let inFlight = 0;
  let closed = false;
  let scheduled = false;
  const idle: Array<() => void> = [];

  const breakerOf = (m: ServedModel) => {
    let b = breakers.get(m);
    if (!b) {
      b = createCircuitBreaker(threshold, cooldownMs);
      breakers.set(m, b);
    }
    return b;
  };
  const count = (job: MirrorJob, outcome: Parameters<GatewayMetrics['mirror']>[2]) =>
    deps.metrics.mirror(job.route, job.shadow.version, outcome).inc();

  const fail = (job: MirrorJob, reason: PredictionFailure['reason']) =>
    deps.emitFailure({
      model: job.route,
      version: job.shadow.version,
      role: 'shadow',
      probe: false,
      rows: job.rows.length,
      reason,
    });

  const settle = () => {
    if (inFlight === 0 && head === queue.length) for (const f of idle.splice(0)) f();
  };

  async function run(job: MirrorJob): Promise<void> {
    const breaker = breakerOf(job.shadow);
    if (!breaker.allow()) {
      count(job, 'dropped_circuit_open');
      return;
    }
    count(job, 'sent');
    const started = performance.now();
    let predictions: Predictions;
    let timer: NodeJS.Timeout | undefined;
    try {
      const table = deps.readerOf(job.shadow)(job.rows, deps.maxBatch);
      predictions = await Promise.race([
        deps.predictWith(job.shadow, table),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimedOut()), timeoutMs);
        }),
      ]);
    } catch (error) {
      breaker.failure();
      count(job, error instanceof TimedOut ? 'timed_out' : 'failed');
      fail(job, error instanceof TimedOut ? 'timeout' : 'error');
      return;
    } finally {
      clearTimeout(timer);
    }
    const seconds = (performance.now() - started) / 1000;
    const m = deps.metrics.answer(job.route, job.shadow.version, 'shadow');
    try {
      checkAnswer(predictions, job.rows.length, job.shadow.signature, job.shadow.ref);
    } catch {
      breaker.failure();
      m.invalidOutputs.inc();
      count(job, 'invalid_output');
      fail(job, 'invalid_output');
      return;
    }
    breaker.success();
    count(job, 'answered');
    m.latency.observe(seconds);
    m.predictions.inc(job.rows.length);
    if (!deps.wantsRecords()) return;
    const at = new Date().toISOString();
    const latencyMs = seconds * 1000;
    const records: PredictionRecord[] = job.rows.map((_, i) => ({
      id: deps.nextId(),
      at,
      model: job.route,
      version: job.shadow.version,
      role: 'shadow',
      pairedWith: job.primaryIds[i]!,
      probe: false,
      ...(job.requestKey !== undefined ? { requestKey: job.requestKey } : {}),
      inputs: job.inputs[i]!,
      output: outputOf(predictions, i),
      latencyMs,
    }));
    deps.emit(records);
  }

  const pump = () => {
    scheduled = false;
    while (inFlight < concurrency && head < queue.length) {
      const job = queue[head]!;
      queue[head++] = undefined as unknown as MirrorJob;
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      inFlight++;
      run(job).finally(() => {
        inFlight--;
        if (head < queue.length && !scheduled) {
          scheduled = true;
          setImmediate(pump);
        } else settle();
      });
    }
  };

  return {
    enqueue(job) {
      if (closed) {
        count(job, 'dropped_closing');
        return;
      }
      if (queue.length - head >= queueSize) {
        count(job, 'dropped_queue_full');
        return;
      }
      queue.push(job);
      if (!scheduled && inFlight < concurrency) {
        scheduled = true;
        // Never right behind the primary's answer: the shadow runs after a short linger, in bulk.
        if (lingerMs > 0) setTimeout(pump, lingerMs).unref();
        else setImmediate(pump);
      }
    },
    get pending() {
      return queue.length - head + inFlight;
    },
    async close() {
      closed = true;
      for (let i = head; i < queue.length; i++) count(queue[i]!, 'dropped_closing');
      queue.length = 0;
      head = 0;
      if (inFlight === 0) return;
      await Promise.race([
        new Promise<void>((resolve) => idle.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, Math.min(timeoutMs, 1000)).unref()),
      ]);
    },
  };
}
