import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { produceFileAtomic } from '../../fs/index.js';
import type { BlobRef, BlobStore } from './blob-store.js';
import { hashFile, sha256 } from './hashing.js';

/** Stores a file: hashes it (one pass), then streams it to the store, which checks it again. */
export async function putFile(blobs: BlobStore, path: string): Promise<BlobRef> {
  const ref = await hashFile(path);
  return blobs.put(ref, createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>);
}

export async function putBytes(blobs: BlobStore, bytes: Uint8Array | string): Promise<BlobRef> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const ref = { hash: sha256(data), size: data.length };
  return blobs.put(
    ref,
    (async function* () {
      yield data;
    })(),
  );
}

/** Reads a whole blob, verified. */
export async function readBlob(blobs: BlobStore, hash: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of blobs.read(hash)) {
    parts.push(chunk);
    n += chunk.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Writes a blob to a file, atomically and only once verified: a tampered or truncated blob
 * raises INTEGRITY and leaves no file behind.
 */
export async function writeBlobTo(blobs: BlobStore, hash: string, path: string): Promise<void> {
  await produceFileAtomic(path, async (tmp) => {
    const handle = await open(tmp, 'w');
    try {
      for await (const chunk of blobs.read(hash)) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}
