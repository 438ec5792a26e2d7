/**
 * A 32-bit hash of a string (FNV-1a, then murmur3's finalizer so that keys differing in one
 * character land far apart), used to assign requests to a canary: the same key always lands in
 * the same bucket, and buckets are uniform.
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The request's position in [0, 1): it goes to the candidate when below the candidate's weight. */
export function bucketOf(key: string): number {
  return hashKey(key) / 0x100000000;
}
