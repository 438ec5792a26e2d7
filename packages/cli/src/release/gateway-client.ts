import { VigieError } from '@vigie/core/errors';

export interface GatewayClient {
  readonly url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/**
 * The gateway's admin API over HTTP. A refused connection or a non-2xx answer becomes one line
 * naming the gateway (the answer's own `error.message` when it has one).
 */
export function gatewayClient(url: string, token: string | undefined): GatewayClient {
  const base = url.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `--gateway: "${url.slice(0, 80)}" is not a URL (e.g. http://127.0.0.1:7800)`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new VigieError(
      'INVALID_ARGUMENT',
      `--gateway: expected an http(s):// URL, got "${url.slice(0, 80)}"`,
    );
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
      const why = inner?.code ?? inner?.message ?? (cause as Error).message;
      throw new VigieError(
        'NOT_FOUND',
        `cannot reach the gateway at ${base} (${why}); is vigie serve running?`,
        {
          cause,
        },
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const message = (json as { error?: { message?: string } } | undefined)?.error?.message;
      const code =
        res.status === 404
          ? 'NOT_FOUND'
          : res.status === 401 || res.status === 403
            ? 'UNAUTHENTICATED'
            : res.status === 409
              ? 'CONFLICT'
              : 'INVALID_ARGUMENT';
      throw new VigieError(code, `gateway ${base}: ${message ?? `HTTP ${res.status}`}`);
    }
    return json as T;
  };
  return {
    url: base,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
  };
}
