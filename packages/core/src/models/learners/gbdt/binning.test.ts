import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import type { Matrix } from '../../../stats/index.js';
import { type BinMapper, binRows, fitBinMapper } from './binning.js';

/** The definition: the first b with value ≤ thresholds[b] (by binary search), the missing bin for NaN. */
function reference(mapper: BinMapper, x: Matrix): Uint8Array {
  const out = new Uint8Array(x.rows * x.cols);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) {
      const t = mapper.thresholds[j]!;
      const v = x.data[i * x.cols + j]!;
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v <= t[mid]!) hi = mid;
        else lo = mid + 1;
      }
      out[i * x.cols + j] = Number.isNaN(v) ? mapper.maxBins : lo;
    }
  return out;
}

describe('binRows', () => {
  it('puts each value in the first bin whose threshold is at or above it, whatever the distribution', () => {
    const rng = createRandom(5);
    const columns: Array<() => number> = [
      () => rng.normal(),
      () => Math.round(rng.normal() * 3),
      () => (rng.float() < 0.1 ? Number.NaN : Math.exp(rng.normal() * 4)),
      () => 7,
      () => rng.int(2),
      () => rng.float() * 1e-300,
    ];
    const n = 20_000;
    const f = columns.length;
    const data = new Float64Array(n * f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) data[i * f + j] = columns[j]!();
    const x = { data, rows: n, cols: f };
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    for (const maxBins of [255, 16, 3]) {
      const mapper = fitBinMapper(x, rows, [], maxBins, rng.derive(1));
      expect(Array.from(binRows(mapper, x, null))).toEqual(Array.from(reference(mapper, x)));
      // Every threshold and the values just around it.
      const probes: number[] = [];
      for (const t of mapper.thresholds)
        for (const v of t!)
          probes.push(v, v - Math.abs(v) * 1e-15 - 1e-300, v + Math.abs(v) * 1e-15 + 1e-300);
      const p = new Float64Array(probes.length * f);
      probes.forEach((v, i) => {
        p.fill(v, i * f, (i + 1) * f);
      });
      const px = { data: p, rows: probes.length, cols: f };
      expect(Array.from(binRows(mapper, px, null))).toEqual(Array.from(reference(mapper, px)));
    }
  });
});
