import { VigieError } from '../../errors/index.js';
import type { BlobRef, BlobStore } from '../blobs/blob-store.js';
import { checkBlobHash, verified } from '../blobs/hashing.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';

/**
 * A `BlobStore` on a Vigie server: `PUT/GET/HEAD /v1/blobs/sha256/{hash}`. Uploads stream with
 * their hash and length in the request, and the server stores nothing that does not match;
 * downloads are verified here as they are read, like every blob store, and a download the server
 * cut short (it does so when it finds the blob corrupt) fails with INTEGRITY.
 */
export function createHttpBlobStore(options: HttpClientOptions): BlobStore {
  const http = createHttpClient(options);
  const path = (hash: string) => {
    checkBlobHash(hash);
    return ['v1', 'blobs', 'sha256', hash];
  };
  const size = async (hash: string): Promise<number | null> => {
    const response = await http.request('HEAD', path(hash), { accept: [404] });
    if (response.status === 404) return null;
    return Number(response.headers.get('content-length'));
  };
  return {
    location: http.location,
    async put(expected, bytes) {
      const what = `upload of sha256:${expected.hash}`;
      if ((await size(expected.hash)) === expected.size) {
        // Already there: do not send it again, but still consume and check the caller's bytes.
        for await (const _ of verified(expected, bytes, what));
        return expected;
      }
      const body = ReadableStream.from(verified(expected, capped(expected, bytes, what), what));
      await http.json<BlobRef>('PUT', path(expected.hash), {
        bytes: { body: body as ReadableStream<Uint8Array>, length: expected.size },
      });
      return expected;
    },
    has: async (hash) => (await size(hash)) !== null,
    size,
    read(hash) {
      return download(hash);
    },
    async [Symbol.asyncDispose]() {},
  };

  async function* download(hash: string): AsyncGenerator<Uint8Array> {
    const response = await http.request('GET', path(hash), {});
    const length = Number(response.headers.get('content-length'));
    const what = `blob sha256:${hash} from ${http.location}`;
    yield* verified(
      { hash, ...(Number.isFinite(length) ? { size: length } : {}) },
      body(response, what),
      what,
    );
  }
}

/** The response body, with a connection cut mid-way reported as what it means for a blob. */
async function* body(response: Response, what: string): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  let received = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw new VigieError(
      'INTEGRITY',
      `${what}: the download stopped after ${received} bytes (the server found the blob corrupt, or the connection dropped)`,
      { cause: error },
    );
  }
}

/**
 * Fails as soon as the bytes outgrow the announced size, with the store's own message, instead
 * of letting the HTTP layer refuse the request body with its own.
 */
async function* capped(expected: BlobRef, bytes: AsyncIterable<Uint8Array>, what: string) {
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > expected.size)
      throw new VigieError(
        'INTEGRITY',
        `${what}: more than the expected ${expected.size} bytes; the bytes do not match the address`,
        { details: { hash: expected.hash } },
      );
    yield chunk;
  }
}
