import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { VigieError } from '../../errors/index.js';
import type { BlobRef } from './blob-store.js';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<BlobRef> {
  const h = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      h.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      {
        cause: error,
        details: { file: path },
      },
    );
  }
  return { hash: h.digest('hex'), size };
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

export function checkBlobHash(hash: string): void {
  if (!/^[0-9a-f]{64}$/.test(hash))
    throw new VigieError('INVALID_ARGUMENT', `"${hash}" is not a SHA-256 (64 lowercase hex digits)`, {
      details: { field: 'hash' },
    });
}

/**
 * Passes chunks through while hashing them; after the last one, compares with the expected
 * address and size and throws INTEGRITY on a difference.
 */
export async function* verified(
  expected: BlobRef | { hash: string; size?: number },
  chunks: AsyncIterable<Uint8Array>,
  what: string,
): AsyncGenerator<Uint8Array> {
  const h: Hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    h.update(chunk);
    size += chunk.length;
    yield chunk;
  }
  const hash = h.digest('hex');
  if (hash !== expected.hash || (expected.size !== undefined && size !== expected.size))
    throw new VigieError(
      'INTEGRITY',
      `${what}: the bytes hash to sha256:${hash.slice(0, 12)}… (${size} bytes), not the expected sha256:${expected.hash.slice(0, 12)}…${expected.size === undefined ? '' : ` (${expected.size} bytes)`}; the blob is corrupt or was tampered with`,
      { details: { hash: expected.hash } },
    );
}
