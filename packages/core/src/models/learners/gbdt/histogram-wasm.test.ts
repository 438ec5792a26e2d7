import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import { buildHistogram, buildHistogramWithoutCounts, SLOTS } from './histogram.js';
import { allocateHistogramData } from './histogram-memory.js';

function filled(constantHessian: boolean) {
  const rows = 5_000;
  const f = 7;
  const stride = 33;
  const data = allocateHistogramData({
    rows,
    nFeatures: f,
    nOutputs: 1,
    constantHessian,
    stride,
    shared: true,
  });
  const rng = createRandom(3);
  for (let i = 0; i < rows * f; i++) data.bins[i] = rng.int(stride);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < f; j++) data.columns[j * rows + i] = data.bins[i * f + j]!;
  for (let i = 0; i < rows; i++) {
    data.gradients[0]![i] = rng.normal();
    if (data.hessians) data.hessians[0]![i] = rng.float() / 4;
  }
  // A node: every third row or so, ascending, as after a few splits.
  let m = 0;
  for (let i = 0; i < rows; i++) if (rng.float() < 0.3) data.idx[m++] = i;
  return { data, rows, f, stride, m, size: f * stride * SLOTS };
}

describe('WebAssembly histogram kernels', () => {
  it('sum the same histograms as the JavaScript ones, bit for bit (row-major and column-major)', () => {
    for (const constantHessian of [false, true]) {
      const { data, rows, f, stride, m, size } = filled(constantHessian);
      const kernel = data.kernel!;
      expect(kernel).not.toBeNull();
      const g = data.gradients[0]!;
      const h = data.hessians ? data.hessians[0]! : null;
      const expected = new Float64Array(size);
      buildHistogram(expected, data.bins, f, stride, data.idx, 10, m, g, h);
      const out = data.out!;
      kernel.build(out, data.bins, f, stride, data.idx, 10, m, g, h, 0, f, true);
      expect(Array.from(out)).toEqual(Array.from(expected));

      const ordered = data.ordered!;
      ordered.fill(0);
      kernel.gather(ordered, data.idx, 10, m, g, h);
      for (let i = 10; i < m; i++) {
        expect(ordered[2 * (i - 10)]).toBe(g[data.idx[i]!]);
        expect(ordered[2 * (i - 10) + 1]).toBe(h ? h[data.idx[i]!] : 0);
      }
      out.fill(Number.NaN);
      kernel.buildColumns(out, data.columns, rows, stride, data.idx, 10, m, ordered, h !== null, 0, f);
      expect(Array.from(out)).toEqual(Array.from(expected));

      // A range of features only: the rest is left as it was.
      out.fill(7);
      kernel.build(out, data.bins, f, stride, data.idx, 10, m, g, h, 2, 5, true);
      const step = stride * SLOTS;
      expect(Array.from(out.subarray(2 * step, 5 * step))).toEqual(
        Array.from(expected.subarray(2 * step, 5 * step)),
      );
      expect(out[0]).toBe(7);
      expect(out[5 * step]).toBe(7);
    }
  });

  it('sum without counts as buildHistogramWithoutCounts', () => {
    const { data, f, stride, m, size } = filled(false);
    const expected = new Float64Array(size);
    const g = data.gradients[0]!;
    const h = data.hessians![0]!;
    buildHistogramWithoutCounts(expected, data.bins, f, stride, data.idx, 0, m, g, h, 0, f);
    data.kernel!.build(data.out!, data.bins, f, stride, data.idx, 0, m, g, h, 0, f, false);
    expect(Array.from(data.out!)).toEqual(Array.from(expected));
  });

  it('partitions rows stably by a numeric split, missing values to either side', () => {
    const { data, rows, m, stride } = filled(false);
    const missingBin = stride - 1;
    const column = data.columns.subarray(2 * rows, 3 * rows);
    const node = Array.from(data.idx.subarray(0, m));
    for (const missingLeft of [false, true]) {
      data.idx.set(node);
      const goesLeft = (r: number) => (column[r] === missingBin ? missingLeft : column[r]! <= 12);
      const expected = [...node.filter(goesLeft), ...node.filter((r) => !goesLeft(r))];
      const mid = data.kernel!.partition(data.idx, data.scratch, column, 0, m, 12, missingBin, missingLeft);
      expect(mid).toBe(node.filter(goesLeft).length);
      data.idx.set(data.scratch.subarray(0, m - mid), mid);
      expect(Array.from(data.idx.subarray(0, m))).toEqual(expected);
    }
  });

  it("adds a leaf's value to its rows' raw scores", () => {
    const data = allocateHistogramData({
      rows: 6,
      nFeatures: 1,
      nOutputs: 2,
      constantHessian: false,
      stride: 4,
      shared: true,
    });
    data.idx.set([5, 1, 3, 0, 2, 4]);
    data.raw.fill(1);
    data.kernel!.addToRows(data.raw, data.idx, 1, 4, 2, 1, 0.25);
    expect(Array.from(data.raw)).toEqual([1, 1.25, 1, 1.25, 1, 1, 1, 1.25, 1, 1, 1, 1]);
  });

  it('falls back to plain arrays for the JavaScript kernel when asked', () => {
    const data = allocateHistogramData({
      rows: 10,
      nFeatures: 2,
      nOutputs: 3,
      constantHessian: false,
      stride: 4,
      shared: false,
      wasm: false,
    });
    expect(data.kernel).toBeNull();
    expect(data.hessians).toHaveLength(3);
    expect(data.bins.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
