import { VigieError } from '@vigie/core/errors';
import { checkBlobHash } from '@vigie/core/registry';
import { z } from 'zod';
import { tooLarge } from '../http/body.js';
import { defineRoute } from '../route.js';
import { BlobRef } from '../schemas/index.js';
import { sendBlob } from './send-blob.js';

const tag = 'blobs';
const hashParams = z.strictObject({
  hash: z.string().describe('SHA-256 of the bytes, 64 lowercase hex digits'),
});

export const blobRoutes = [
  defineRoute({
    method: 'PUT',
    path: '/v1/blobs/sha256/{hash}',
    operationId: 'putBlob',
    summary: 'Upload bytes under their SHA-256 (Content-Length required)',
    description:
      'The body is streamed into the blob store, which checks it against the hash and the length and stores ' +
      'nothing on a mismatch (422 INTEGRITY). Uploading a blob that is already stored is harmless (200).',
    tag,
    scope: 'write',
    params: hashParams,
    binaryBody: { description: 'the bytes' },
    responses: {
      201: { description: 'stored', schema: BlobRef },
      200: { description: 'already stored', schema: BlobRef },
    },
    async handle({ params, c, deps }) {
      checkBlobHash(params.hash);
      const declared = c.req.header('content-length');
      if (declared === undefined || !/^\d+$/.test(declared))
        throw new VigieError('INVALID_ARGUMENT', 'a blob upload needs a Content-Length header', {
          details: { field: 'content-length' },
        });
      const size = Number(declared);
      if (size > deps.options.maxBlobBytes)
        throw tooLarge(`the blob (${size} bytes)`, deps.options.maxBlobBytes, 'maxBlobBytes');
      const existed = (await deps.blobs.size(params.hash)) === size;
      const body = c.req.raw.body ?? ReadableStream.from<Uint8Array>([]);
      const ref = await deps.blobs.put({ hash: params.hash, size }, body as AsyncIterable<Uint8Array>);
      return { status: existed ? 200 : 201, json: ref };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/blobs/sha256/{hash}',
    operationId: 'getBlob',
    summary: 'Download bytes by SHA-256, verified by the server as it reads them',
    description:
      'Small blobs are verified before the first byte is sent (a corrupt one is a 422 INTEGRITY). Larger ones ' +
      'are streamed and, when they turn out not to match, the connection is cut before the last chunk, so a ' +
      'client never receives a complete response of bad bytes. Clients verify the hash too.',
    tag,
    scope: 'read',
    params: hashParams,
    head: {
      summary: 'Whether a blob is stored, and its size (Content-Length)',
      responses: { 200: { description: 'stored; Content-Length is its size' } },
    },
    responses: { 200: { description: 'the bytes', binary: true } },
    async handle({ params, c, deps }) {
      checkBlobHash(params.hash);
      const size = await deps.blobs.size(params.hash);
      if (size === null)
        throw new VigieError('NOT_FOUND', `blob sha256:${params.hash} is not in the blob store`, {
          details: { hash: params.hash },
        });
      if (c.req.method === 'HEAD')
        return new Response(null, { status: 200, headers: { 'content-length': String(size) } });
      return sendBlob(c, deps, params.hash, size);
    },
  }),
];
