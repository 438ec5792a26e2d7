import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFsBlobStore, createS3BlobStore } from '../../src/registry/index.js';
import { blobContract } from '../support/blob-contract.js';
import { S3_CREDENTIALS, type S3TestServer, SKIP_S3, startS3Server } from '../support/s3.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-fs-blobs-');
let n = 0;

blobContract('filesystem', {
  open: async () => createFsBlobStore(join(temp.dir, `blobs-${++n}`)),
  tamper: async (store, hash, bytes) => {
    const root = store.location.replace(/^file:/, '');
    writeFileSync(join(root, 'sha256', hash.slice(0, 2), hash), bytes);
  },
});

if (SKIP_S3) {
  describe('BlobStore contract: S3', () => {
    it.skip(`skipped: ${SKIP_S3}`, () => {});
  });
} else {
  let server: S3TestServer;
  beforeAll(async () => {
    server = await startS3Server();
  }, 30_000);
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });
  blobContract('S3 (moto)', {
    largeSize: 20_000_000,
    open: async () =>
      createS3BlobStore({
        bucket: await server.bucket(),
        prefix: 'registry/',
        endpoint: server.endpoint,
        credentials: S3_CREDENTIALS,
      }),
    tamper: async (store, hash, bytes) => {
      const [, bucket, prefix] = /^s3:\/\/([^/]+)\/(.*)$/.exec(store.location)!;
      const client = new S3Client({
        endpoint: server.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: S3_CREDENTIALS,
      });
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}sha256/${hash.slice(0, 2)}/${hash}`,
          Body: bytes,
        }),
      );
      client.destroy();
    },
  });
}
