import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How one HTTP exchange ended: an answer, no answer within the time, or a connection that broke. */
export type HttpExchange =
  | { kind: 'answer'; status: number; contentType: string; body: string; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'dropped'; message: string; ms: number };

export interface PostOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
}

/**
 * POSTs a JSON body and reads the whole answer. A connection reset, refused or closed before the
 * answer is complete is `dropped`; no complete answer within `timeoutMs` is `timeout` (the socket is
 * destroyed, so a hanging service does not hold the run).
 */
export function postJson(url: string, body: string, options: PostOptions): Promise<HttpExchange> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (e: HttpExchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(e);
    };
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
        ...options.headers,
      },
    });
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', ms: ms() });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      settle({
        kind: 'dropped',
        message: error.code ? `${error.code} (${error.message})` : error.message,
        ms: ms(),
      }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error) => settle({ kind: 'dropped', message: error.message, ms: ms() }));
      res.on('aborted', () => settle({ kind: 'dropped', message: 'the answer was cut short', ms: ms() }));
      res.on('end', () => {
        if (!res.complete) return settle({ kind: 'dropped', message: 'the answer was cut short', ms: ms() });
        settle({
          kind: 'answer',
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          ms: ms(),
        });
      });
    });
    req.end(body);
  });
}
