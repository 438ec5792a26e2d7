/** A stored blob: its SHA-256 (lowercase hex) and size in bytes. */
export interface BlobRef {
  hash: string;
  size: number;
}

/**
 * Bytes addressed by their SHA-256. Implemented on the filesystem, S3-compatible storage and a
 * Vigie server. `put` checks the bytes against the hash it is given and stores nothing on a
 * mismatch; `read` yields the bytes and fails with INTEGRITY at the end when they do not hash to
 * the address (a consumer commits nothing before the iteration ends: see `writeBlobTo`).
 */
export interface BlobStore extends AsyncDisposable {
  readonly location: string;
  put(expected: BlobRef, bytes: AsyncIterable<Uint8Array>): Promise<BlobRef>;
  has(hash: string): Promise<boolean>;
  /** Size in bytes, or null when absent. */
  size(hash: string): Promise<number | null>;
  read(hash: string): AsyncIterable<Uint8Array>;
}
