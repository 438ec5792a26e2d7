import { VigieError } from '@vigie/core/errors';
import type { BlobStore } from '@vigie/core/registry';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Metadata that names bytes is accepted only once the bytes are on this server: a registry
 * entry whose blob nobody can fetch is a broken promise. Malformed hashes are left to the
 * registry, which refuses them with its own message.
 */
export async function requireBlobs(
  blobs: BlobStore,
  refs: Array<{ hash: string | null | undefined; what: string }>,
): Promise<void> {
  for (const { hash, what } of refs) {
    if (!hash || !SHA256.test(hash)) continue;
    if (!(await blobs.has(hash)))
      throw new VigieError(
        'REFUSED',
        `${what} sha256:${hash.slice(0, 12)}… is not in the server's blob store: upload the bytes first (PUT /v1/blobs/sha256/${hash})`,
        { details: { hash, field: what } },
      );
  }
}
