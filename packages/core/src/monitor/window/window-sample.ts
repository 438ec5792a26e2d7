import { type Random, sampleIndices } from '../../random/index.js';

/** What the sampler needs of a slice: how many rows it saw and its uniform reservoir of them. */
export interface SampledSlice<T> {
  readonly rows: number;
  readonly sample: readonly T[];
}

/**
 * A uniform sample of the rows of several slices, each of which kept a uniform reservoir of its
 * own rows: each slice gives a share in proportion to its traffic (k · n_i / N, rounded), drawn
 * uniformly from its reservoir, with k the largest size (at most `maxSample`) every reservoir can
 * supply. When every reservoir holds all its slice's rows and N ≤ maxSample, that is every row.
 */
export function sampleSlices<T>(slices: readonly SampledSlice<T>[], maxSample: number, rng: Random): T[] {
  const total = slices.reduce((s, b) => s + b.rows, 0);
  let k = Math.min(maxSample, total);
  for (const b of slices) if (b.rows > 0) k = Math.min(k, Math.floor((b.sample.length * total) / b.rows));
  const rows: T[] = [];
  if (k === total) {
    for (const b of slices) rows.push(...b.sample);
    return rows;
  }
  for (const b of slices) {
    const share = Math.min(b.sample.length, Math.round((k * b.rows) / total));
    for (const i of sampleIndices(b.sample.length, share, rng)) rows.push(b.sample[i]!);
  }
  return rows;
}
