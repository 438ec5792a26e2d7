import {
  checkProbe,
  type ProbeResponse,
  type ProbeResult,
  type ProbeSnapshot,
  type ProbeSpec,
  type ProbesConfig,
} from '@vigie/core/monitor';

export interface ProbeRunnerOptions {
  /** The gateway's base URL (probes go through the same HTTP path as users). */
  baseUrl: string;
  config: ProbesConfig;
  /** Called with every result (metrics, logs). */
  onResult?: (result: ProbeResult) => void;
  /** Called when a probe is skipped because the rate budget is spent. */
  onSkipped?: (probe: ProbeSpec) => void;
}

export interface ProbeRunner extends AsyncDisposable {
  /** Runs every probe once now (within the rate budget) and returns the results. */
  runOnce(): Promise<ProbeResult[]>;
  /** Runs the probes every `intervalSeconds` (the first run at once). */
  start(): void;
  /** Per probe: failures in a row and the last reason, for the alert rules. */
  snapshot(): ProbeSnapshot[];
  close(): Promise<void>;
}

/**
 * Sends each probe's rows to `POST /v1/models/{model}/predict` with `x-vigie-probe: 1` (so the
 * gateway keeps them out of user metrics and logs them with probe=true) and checks the answer.
 * A token bucket of `maxPerMinute` requests bounds the load; a probe over budget is skipped.
 */
export function createProbeRunner(options: ProbeRunnerOptions): ProbeRunner {
  const { config } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const state = new Map<string, ProbeSnapshot>(
    config.items.map((p) => [
      p.name,
      { name: p.name, model: p.model, consecutiveFailures: 0, lastReason: null, lastRunAt: null },
    ]),
  );
  const ratePerMs = config.maxPerMinute / 60_000;
  let tokens = config.maxPerMinute;
  let refilledAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ProbeResult[]> | undefined;
  let closed = false;

  const take = (): boolean => {
    const now = performance.now();
    tokens = Math.min(config.maxPerMinute, tokens + (now - refilledAt) * ratePerMs);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  async function send(probe: ProbeSpec): Promise<ProbeResponse> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/v1/models/${encodeURIComponent(probe.model)}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vigie-probe': '1' },
        body: JSON.stringify({ rows: probe.rows }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return { kind: 'answer', status: res.status, body, latencyMs: performance.now() - t0 };
    } catch (e) {
      const latencyMs = performance.now() - t0;
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError') return { kind: 'timeout', latencyMs };
      return {
        kind: 'network-error',
        message: err.cause?.code ?? err.cause?.message ?? err.message,
        latencyMs,
      };
    }
  }

  async function runAll(): Promise<ProbeResult[]> {
    const results: ProbeResult[] = [];
    for (const probe of config.items) {
      if (closed) break;
      if (!take()) {
        options.onSkipped?.(probe);
        continue;
      }
      const result = checkProbe(probe, await send(probe), new Date());
      const s = state.get(probe.name)!;
      state.set(probe.name, {
        ...s,
        consecutiveFailures: result.ok ? 0 : s.consecutiveFailures + 1,
        lastReason: result.reason,
        lastRunAt: result.at,
      });
      options.onResult?.(result);
      results.push(result);
    }
    return results;
  }

  const runOnce = (): Promise<ProbeResult[]> => {
    // One run at a time: a slow run is not overtaken by the next tick.
    running ??= runAll().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    runOnce,
    start() {
      if (timer || closed) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), config.intervalSeconds * 1000);
      timer.unref();
    },
    snapshot: () => [...state.values()],
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    [Symbol.asyncDispose]() {
      return this.close();
    },
  };
}
