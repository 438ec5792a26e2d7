/**
 * Mergeable, serializable sketches for profiles computed per partition and merged: KLL
 * quantiles, HyperLogLog distinct counts, frequent items and moments, plus the 64-bit hash they
 * share, and XXH3-128 for long byte strings. Each sketch has a `create*` factory, `merge` returning
 * a new sketch, and `toJSON` / `fromJSON` with plain versioned JSON (fromJSON rejects malformed or
 * foreign objects with INVALID_ARGUMENT).
 */
export {
  createFrequentItems,
  type FrequentItem,
  type FrequentItemEstimate,
  FrequentItems,
  type FrequentItemsJSON,
  type FrequentItemsOptions,
} from './frequent-items.js';
export { DOUBLE_WORDS, hash64Float64Array, hash64Number, hash64String } from './hash.js';
export {
  createHyperLogLog,
  HyperLogLog,
  type HyperLogLogJSON,
  type HyperLogLogOptions,
} from './hyperloglog.js';
export type { KllSketchJSON } from './kll-serialization.js';
export {
  createKllSketch,
  type KllSampleOptions,
  KllSketch,
  type KllSketchOptions,
  kllRankErrorBound,
  kllSketchOf,
} from './kll-sketch.js';
export { createMomentsSketch, MomentsSketch, type MomentsSketchJSON } from './moments-sketch.js';
export {
  canonicalDoubles,
  createXxh3Hash128,
  XXH3_LONG_MIN,
  type Xxh3Hash128,
  xxh3Reference,
} from './xxh3.js';
