import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VigieError } from '../../errors/index.js';
import { temporarySibling } from '../../fs/index.js';
import type { BlobStore } from './blob-store.js';
import { checkBlobHash, verified } from './hashing.js';

/**
 * Blobs on the local filesystem: `<root>/sha256/ab/abcdef…`. Writes go to a temporary file in the
 * same folder, are checked against the hash, flushed (fsync) and renamed into place, so a crash
 * never leaves a partial blob under its address.
 */
export function createFsBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (hash: string) => {
    checkBlobHash(hash);
    return join(base, 'sha256', hash.slice(0, 2), hash);
  };
  const size = async (hash: string): Promise<number | null> => {
    try {
      return (await stat(pathOf(hash))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  return {
    location: `file:${root}`,
    async put(expected, bytes) {
      const target = pathOf(expected.hash);
      if ((await size(expected.hash)) === expected.size) {
        // Already stored; still drain (and check) the input so a caller's stream is consumed.
        for await (const _ of verified(expected, bytes, `upload of sha256:${expected.hash}`));
        return expected;
      }
      await mkdir(join(base, 'sha256', expected.hash.slice(0, 2)), { recursive: true });
      const tmp = temporarySibling(target);
      try {
        const handle = await open(tmp, 'w');
        try {
          for await (const chunk of verified(expected, bytes, `upload of sha256:${expected.hash}`))
            await handle.write(chunk);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, target);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
      return expected;
    },
    has: async (hash) => (await size(hash)) !== null,
    size,
    read(hash) {
      const path = pathOf(hash);
      return verified({ hash }, chunksOf(path, hash), `blob sha256:${hash}`);
    },
    async [Symbol.asyncDispose]() {},
  };
}

async function* chunksOf(path: string, hash: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new VigieError('NOT_FOUND', `blob sha256:${hash} is not in the blob store`, {
        details: { hash },
      });
    throw error;
  }
}
