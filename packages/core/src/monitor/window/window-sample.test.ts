import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { chisquare } from '../../stats/index.js';
import { addToBucket, createBucket, type FeatureReference } from './window-bucket.js';
import { sampleSlices } from './window-sample.js';

/** Slices fed with rows numbered 0..n-1 through the bucket's own reservoir (algorithm R). */
function slices(sizes: readonly number[], capacity: number, seed: number) {
  const rng = createRandom(seed);
  const features: FeatureReference[] = [];
  let id = 0;
  return sizes.map((n, s) => {
    const b = createBucket(s);
    for (let i = 0; i < n; i++) addToBucket(b, { inputs: {}, prediction: id++ }, 1, features, capacity, rng);
    return b;
  });
}

describe('sampleSlices', () => {
  it('returns every row when the reservoirs hold them all', () => {
    const rows = sampleSlices(slices([30, 50], 100, 1), 1000, createRandom(2)).map((r) => r.prediction);
    expect(rows.sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 80 }, (_, i) => i),
    );
  });

  it('takes each slice in proportion to its traffic, the largest sample every reservoir can supply', () => {
    // 3000, 1000 and 500 rows with reservoirs of 200: k = min over slices of 200 · 4500 / n_i = 300.
    const rows = sampleSlices(slices([3000, 1000, 500], 200, 3), 10_000, createRandom(4));
    const per = [0, 0, 0];
    for (const r of rows)
      per[(r.prediction as number) < 3000 ? 0 : (r.prediction as number) < 4000 ? 1 : 2]!++;
    expect(per).toEqual([200, 67, 33]);
  });

  it('is uniform over the window’s rows (chi-square over many seeds)', () => {
    // Two slices of unequal traffic; every row of the window should be equally likely to be drawn.
    const sizes = [2000, 600];
    const groups = 26; // rows grouped by hundreds
    const counts = new Float64Array(groups);
    for (let seed = 0; seed < 300; seed++) {
      for (const r of sampleSlices(slices(sizes, 150, seed), 100_000, createRandom(1000 + seed))) {
        counts[Math.floor((r.prediction as number) / 100)]!++;
      }
    }
    const { pvalue } = chisquare(counts);
    expect(pvalue).toBeGreaterThan(0.001);
    // And it is a real test: a sampler biased to the first slice is rejected.
    const biased = Float64Array.from(counts, (c, g) => (g < 20 ? c * 1.2 : c));
    expect(chisquare(biased).pvalue).toBeLessThan(1e-6);
  });
});
