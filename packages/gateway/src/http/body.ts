import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** 1 MiB: about 5,000 rows of ten fields. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `body: larger than the limit of ${limit} bytes`);
}

/**
 * Reads a request's body, refusing (413) one larger than `limit` bytes as soon as its
 * content-length or its bytes say so, without buffering the rest.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.once('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/**
 * The body as JSON, whatever its content type says (`curl -d` sends a form type); 400 for text
 * that is not JSON, never quoted back.
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const bytes = await readBody(req, limit);
  if (bytes.length === 0) throw new HttpError(400, 'INVALID_JSON', 'body: empty, expected a JSON object');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    // The parser's message quotes the text: never send a payload back.
    throw new HttpError(400, 'INVALID_JSON', 'body: not valid JSON');
  }
}
