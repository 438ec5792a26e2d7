import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BlobStore, putBytes, readBlob, sha256, writeBlobTo } from '../../src/registry/index.js';
import { tempDir } from './temp.js';

export interface BlobHarness {
  open(): Promise<BlobStore>;
  /** Replaces the stored bytes of a blob behind the store's back. */
  tamper(store: BlobStore, hash: string, bytes: Uint8Array): Promise<void>;
  /** A size that exercises multipart or chunked paths (default 3 MB). */
  largeSize?: number;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The behaviour every BlobStore must have: filesystem, S3 and HTTP. */
export function blobContract(label: string, harness: BlobHarness): void {
  const temp = tempDir('vigie-blobs-');
  const withStore = async (fn: (store: BlobStore) => Promise<void>) => {
    const store = await harness.open();
    try {
      await fn(store);
    } finally {
      await store[Symbol.asyncDispose]();
    }
  };
  describe(`BlobStore contract: ${label}`, () => {
    it('stores bytes under their SHA-256 and reads them back, verified', () =>
      withStore(async (store) => {
        const ref = await putBytes(store, 'hello, registry');
        expect(ref).toEqual({ hash: sha256('hello, registry'), size: 15 });
        expect(await store.has(ref.hash)).toBe(true);
        expect(await store.size(ref.hash)).toBe(15);
        expect(new TextDecoder().decode(await readBlob(store, ref.hash))).toBe('hello, registry');
        // idempotent
        expect(await putBytes(store, 'hello, registry')).toEqual(ref);
      }));

    it('round-trips a large blob', () =>
      withStore(async (store) => {
        const bytes = randomBytes(harness.largeSize ?? 3_000_000);
        const ref = await putBytes(store, bytes);
        const out = join(temp.dir, `large-${ref.hash.slice(0, 8)}`);
        await writeBlobTo(store, ref.hash, out);
        expect(sha256(readFileSync(out))).toBe(ref.hash);
      }));

    it('stores nothing when the bytes do not match the announced hash', () =>
      withStore(async (store) => {
        const bytes = new TextEncoder().encode('the real bytes');
        const claimed = sha256('something else');
        await expect(store.put({ hash: claimed, size: bytes.length }, once(bytes))).rejects.toMatchObject({
          code: 'INTEGRITY',
        });
        expect(await store.has(claimed)).toBe(false);
      }));

    it('refuses a tampered blob and writes no file', () =>
      withStore(async (store) => {
        const ref = await putBytes(store, 'model weights v1');
        await harness.tamper(store, ref.hash, new TextEncoder().encode('model weights v2'));
        await expect(readBlob(store, ref.hash)).rejects.toMatchObject({ code: 'INTEGRITY' });
        const out = join(temp.dir, 'tampered.bin');
        await expect(writeBlobTo(store, ref.hash, out)).rejects.toMatchObject({ code: 'INTEGRITY' });
        expect(() => readFileSync(out)).toThrow();
      }));

    it('answers NOT_FOUND for an absent blob and rejects malformed hashes', () =>
      withStore(async (store) => {
        const absent = sha256('never stored');
        expect(await store.has(absent)).toBe(false);
        expect(await store.size(absent)).toBeNull();
        await expect(readBlob(store, absent)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(store.has('../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      }));
  });
}
