import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { VigieError } from '../../errors/index.js';
import type { BlobStore } from './blob-store.js';
import { checkBlobHash, verified } from './hashing.js';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"). */
  prefix?: string;
  /** An S3-compatible endpoint (MinIO, Ceph, moto, R2...); AWS when absent. */
  endpoint?: string;
  region?: string;
  /** Path-style addressing (bucket in the path), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Explicit credentials; otherwise the AWS SDK's default provider chain finds them. */
  credentials?: S3ClientConfig['credentials'];
}

/**
 * Blobs in an S3 bucket under `<prefix>sha256/ab/abcdef…`. Uploads stream (multipart beyond
 * 8 MiB) straight to the final key while the bytes are hashed: a mismatch fails the upload
 * before it completes, so S3 never shows a partial or wrong object under a hash. Reads are
 * verified as they stream.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const prefix = options.prefix ? options.prefix.replace(/\/?$/, '/') : '';
  const client = new S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const Bucket = options.bucket;
  const keyOf = (hash: string) => {
    checkBlobHash(hash);
    return `${prefix}sha256/${hash.slice(0, 2)}/${hash}`;
  };
  const location = `s3://${Bucket}/${prefix}`;
  const fail = (error: unknown, what: string): never => {
    throw new VigieError('FILE_UNREADABLE', `${location}: ${what}: ${(error as Error).message}`, {
      cause: error,
      details: { file: location },
    });
  };
  const size = async (hash: string): Promise<number | null> => {
    const Key = keyOf(hash);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return null;
      return fail(error, 'cannot look up a blob');
    }
  };
  return {
    location,
    async put(expected, bytes) {
      const what = `upload of sha256:${expected.hash}`;
      if ((await size(expected.hash)) === expected.size) {
        for await (const _ of verified(expected, bytes, what)) {
          // drain and check the input; the stored copy stays
        }
        return expected;
      }
      const Key = keyOf(expected.hash);
      const upload = new Upload({
        client,
        params: {
          Bucket,
          Key,
          Body: Readable.from(verified(expected, bytes, what)),
          ContentLength: expected.size,
        },
        partSize: 8 * 1024 * 1024,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // A failed single-part upload has written nothing; make sure of it anyway.
        await client.send(new DeleteObjectCommand({ Bucket, Key })).catch(() => undefined);
        if (error instanceof VigieError) throw error;
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof VigieError) throw cause;
        fail(error, `cannot store sha256:${expected.hash}`);
      }
      return expected;
    },
    has: async (hash) => (await size(hash)) !== null,
    size,
    read(hash) {
      return verified({ hash }, chunksOf(hash), `blob sha256:${hash} in ${location}`);
    },
    async [Symbol.asyncDispose]() {
      client.destroy();
    },
  };

  async function* chunksOf(hash: string): AsyncGenerator<Uint8Array> {
    let body: AsyncIterable<Uint8Array>;
    const Key = keyOf(hash);
    try {
      const out = await client.send(new GetObjectCommand({ Bucket, Key }));
      body = out.Body as unknown as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new VigieError('NOT_FOUND', `blob sha256:${hash} is not in ${location}`, { details: { hash } });
      return fail(error, `cannot read sha256:${hash}`);
    }
    yield* body;
  }
}

/** Parses `s3://bucket/some/prefix` into bucket and prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m?.[1])
    throw new VigieError('INVALID_ARGUMENT', `"${url}" is not an S3 location: write s3://BUCKET[/PREFIX]`, {
      details: { field: 'blobs' },
    });
  return { bucket: m[1], prefix: m[2] ?? '' };
}
