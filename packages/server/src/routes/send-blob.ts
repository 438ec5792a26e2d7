import type { HttpBindings } from '@hono/node-server';
import { readBlob } from '@vigie/core/registry';
import type { Context } from 'hono';
import type { ResolvedDeps } from '../deps.js';

const headers = (size: number) => ({
  'content-type': 'application/octet-stream',
  'content-length': String(size),
  // Content-addressed: the bytes under a hash never change.
  'cache-control': 'private, max-age=31536000, immutable',
});

/**
 * Sends a blob without ever delivering bad bytes as a complete response. Small blobs are read and
 * verified first (the store verifies as it reads), so corruption is a plain 422. Larger ones are
 * streamed one chunk behind the store: the last chunk goes out only after the store has checked
 * the hash, and on a mismatch the connection is destroyed instead, so the client sees fewer bytes
 * than Content-Length announced: a failed download, whatever client it is.
 */
export async function sendBlob(
  c: Context,
  deps: ResolvedDeps,
  hash: string,
  size: number,
): Promise<Response> {
  if (size <= deps.options.verifyBeforeSendBytes) {
    const bytes = await readBlob(deps.blobs, hash);
    return new Response(bytes, { status: 200, headers: headers(bytes.length) });
  }
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  const source = deps.blobs.read(hash);
  async function* heldBack(): AsyncGenerator<Uint8Array> {
    let pending: Uint8Array | undefined;
    try {
      for await (const chunk of source) {
        if (pending) yield pending;
        pending = chunk;
      }
    } catch (error) {
      deps.log({ level: 'error', message: `GET /v1/blobs/sha256/${hash}: download cut off`, error });
      // Under Node, cut the connection ourselves: the adapter would otherwise answer a failed
      // stream by writing an error text into the body, which could make up the announced length.
      if (outgoing) {
        outgoing.destroy();
        return;
      }
      throw error;
    }
    if (pending) yield pending;
  }
  return new Response(ReadableStream.from(heldBack()), { status: 200, headers: headers(size) });
}
