import { VigieError } from '@vigie/core/errors';

/** `1048576` → `1 MiB`, for limits in messages. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    i++;
  }
  return `${v} ${units[i]}`;
}

export function tooLarge(what: string, limit: number, option: string): VigieError {
  return new VigieError(
    'INPUT_TOO_LARGE',
    `${what} is larger than the server's limit of ${formatBytes(limit)} (${option})`,
    { details: { limit } },
  );
}

/**
 * The request body as JSON, refusing more than `limit` bytes: at once when Content-Length says
 * so, else as soon as the stream passes the limit (nothing beyond it is buffered). An empty body
 * is `{}`, for the routes whose fields are all optional.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit)
    throw tooLarge(`the request body (${declared} bytes)`, limit, 'maxJsonBytes');
  const parts: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge('the request body', limit, 'maxJsonBytes');
      }
      parts.push(value);
    }
  }
  const text = Buffer.concat(parts).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VigieError('PARSE_ERROR', `the request body is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
