import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

const MOTO = fileURLToPath(new URL('../../../../scripts/s3/.venv/bin/moto_server', import.meta.url));
export const S3_CREDENTIALS = { accessKeyId: 'vigie-test', secretAccessKey: 'vigie-test' };

/**
 * Why the S3 tests cannot run here, or '' when they can: they need VIGIE_TEST_S3_ENDPOINT or
 * moto's server in scripts/s3/.venv (`.ci/run` installs it; see scripts/s3/requirements.txt).
 */
export const SKIP_S3 =
  process.env.VIGIE_TEST_S3_ENDPOINT || existsSync(MOTO)
    ? ''
    : 'no S3-compatible server: set VIGIE_TEST_S3_ENDPOINT or install scripts/s3/requirements.txt into scripts/s3/.venv';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface S3TestServer extends AsyncDisposable {
  endpoint: string;
  /** A new empty bucket. */
  bucket(): Promise<string>;
}

/** The configured S3 endpoint, or a moto server started on a free loopback port. */
export async function startS3Server(): Promise<S3TestServer> {
  let child: ChildProcess | undefined;
  let endpoint = process.env.VIGIE_TEST_S3_ENDPOINT ?? '';
  if (!endpoint) {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    child = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await fetch(endpoint);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`moto_server did not start on ${endpoint}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
  return {
    endpoint,
    async bucket() {
      const name = `vigie-test-${randomBytes(4).toString('hex')}`;
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    async [Symbol.asyncDispose]() {
      client.destroy();
      child?.kill();
    },
  };
}
