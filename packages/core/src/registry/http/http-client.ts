import { type ErrorCode, VigieError } from '../../errors/index.js';

export interface HttpClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:7700` (a path prefix is kept). */
  url: string;
  /** A bearer token (`vgt_...`); reads need none when the server allows anonymous reading. */
  token?: string;
  /** The fetch to use; defaults to the global one (Node 20's undici). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body, or raw bytes with their length. */
  json?: unknown;
  bytes?: { body: ReadableStream<Uint8Array>; length: number };
  /** Statuses that are answers, not errors (e.g. 404 for `has`). */
  accept?: number[];
}

/** What `createHttpClient` returns: one way to call the server, errors already mapped. */
export interface HttpClient {
  readonly location: string;
  request(method: string, path: string[], options?: RequestOptions): Promise<Response>;
  json<T>(method: string, path: string[], options?: RequestOptions): Promise<T>;
  urlOf(path: string[]): string;
}

const CODES: Record<ErrorCode, true> = {
  INVALID_ARGUMENT: true,
  INVALID_CONFIG: true,
  FILE_NOT_FOUND: true,
  FILE_UNREADABLE: true,
  PARSE_ERROR: true,
  EMPTY_INPUT: true,
  COLUMN_NOT_FOUND: true,
  TYPE_MISMATCH: true,
  UNSUPPORTED: true,
  INTEGRITY: true,
  NOT_FOUND: true,
  CONFLICT: true,
  REFUSED: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  INPUT_TOO_LARGE: true,
  INTERNAL: true,
};

/** When the body is not the server's error JSON (a proxy's page, say): a code from the status. */
const BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'INPUT_TOO_LARGE',
  422: 'INTEGRITY',
};

/**
 * The transport shared by the HTTP registry and blob stores: builds URLs from path segments
 * (each one encoded), sends the token, and turns the server's `{"error": {"code", "message"}}`
 * back into the `VigieError` the library raised on the server, message unchanged.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new VigieError('INVALID_ARGUMENT', `"${options.url}" is not an http(s) URL of a Vigie server`, {
      details: { field: 'url' },
    });
  const location = withoutCredentials(options.url.replace(/\/+$/, ''));
  const doFetch = options.fetch ?? globalThis.fetch;
  const urlOf = (path: string[]) => new URL(path.map(encodeURIComponent).join('/'), base).toString();

  async function request(method: string, path: string[], o: RequestOptions = {}): Promise<Response> {
    const url = new URL(urlOf(path));
    for (const [k, v] of Object.entries(o.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: RequestInit['body'];
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.bytes) {
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(o.bytes.length);
      body = o.bytes.body;
    }
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body,
        ...(o.bytes ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw unreachable(location, error);
    }
    if (response.ok || o.accept?.includes(response.status)) return response;
    throw await errorFrom(response, location);
  }

  return {
    location,
    request,
    urlOf,
    async json<T>(method: string, path: string[], o?: RequestOptions): Promise<T> {
      const response = await request(method, path, o);
      try {
        return (await response.json()) as T;
      } catch (error) {
        throw new VigieError(
          'PARSE_ERROR',
          `${location}: the server's answer to ${method} /${path.join('/')} is not JSON`,
          { cause: error },
        );
      }
    },
  };
}

/** A failed fetch: an error our own body stream raised, or the server could not be reached. */
function unreachable(location: string, error: unknown): VigieError {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof VigieError) return cause;
  if (error instanceof VigieError) return error;
  const detail = cause instanceof Error ? cause.message : (error as Error).message;
  return new VigieError('FILE_UNREADABLE', `${location}: cannot reach the Vigie server: ${detail}`, {
    cause: error,
    details: { file: location },
  });
}

async function errorFrom(response: Response, location: string): Promise<VigieError> {
  const text = await response.text().catch(() => '');
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const e = parsed?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    const code = e.code in CODES ? (e.code as ErrorCode) : 'INTERNAL';
    const details =
      e.details && typeof e.details === 'object' ? (e.details as VigieError['details']) : undefined;
    return new VigieError(code, e.message, details ? { details } : {});
  }
  const code = BY_STATUS[response.status] ?? 'INTERNAL';
  return new VigieError(
    code,
    `${location}: the server answered ${response.status} ${response.statusText}`.trimEnd(),
  );
}

/** The URL for messages: a password in it never reaches a log. */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  if (!u.username && !u.password) return url;
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/+$/, '');
}
