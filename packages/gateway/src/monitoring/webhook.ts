import type { AlertPayload } from '@vigie/core/monitor';

export interface WebhookOptions {
  url: string;
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
  /** Attempts per alert (the first plus retries after 0.5 s, 1 s, ...). Default 3. */
  attempts?: number;
}

export interface WebhookDelivery {
  ok: boolean;
  attempts: number;
  /** The last HTTP status, or null when no answer came. */
  status: number | null;
  /** Why the last attempt failed (one line). */
  error: string | null;
}

export type WebhookSender = (alert: AlertPayload) => Promise<WebhookDelivery>;

/**
 * Posts each alert as JSON to a webhook (Slack-compatible receivers, Alertmanager bridges, any
 * HTTP endpoint). A 2xx answer is delivered; a 5xx, 429, timeout or network error is retried with
 * backoff; another 4xx is not (the receiver refused it).
 */
export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = Math.max(1, options.attempts ?? 3);
  return async (alert) => {
    const body = JSON.stringify(alert);
    let status: number | null = null;
    let error: string | null = null;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** (i - 1)));
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'vigie-gateway', ...options.headers },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        status = res.status;
        if (res.ok) return { ok: true, attempts: i + 1, status, error: null };
        error = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) return { ok: false, attempts: i + 1, status, error };
      } catch (e) {
        status = null;
        const err = e as Error & { cause?: { code?: string; message?: string } };
        error =
          err.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : (err.cause?.code ?? err.cause?.message ?? err.message);
      }
    }
    return { ok: false, attempts, status, error };
  };
}
