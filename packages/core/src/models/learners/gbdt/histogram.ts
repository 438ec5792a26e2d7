/**
 * Per-node histograms: for each feature and bin, the sum of gradients, the sum of hessians and the
 * row count, interleaved ([g, h, n] per bin, `stride` bins per feature) so one bin's update stays
 * in one cache line. Bins are row-major, so a row's features are read together however scattered
 * the node's rows are.
 */
export const SLOTS = 3;

/**
 * Sums rows idx[start..end) into `hist` (zeroed here). `hessian` null means every hessian is the
 * same (squared error): the hessian slots stay 0 and the split finder uses the counts.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  nFeatures: number,
  stride: number,
  idx: Uint32Array,
  start: number,
  end: number,
  gradient: Float32Array,
  hessian: Float32Array | null,
): void {
  hist.fill(0);
  const f = nFeatures;
  const step = stride * SLOTS;
  if (hessian) {
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const g = gradient[r]!;
      const h = hessian[r]!;
      const p = r * f;
      for (let j = 0, o = 0; j < f; j++, o += step) {
        const k = o + bins[p + j]! * SLOTS;
        hist[k]! += g;
        hist[k + 1]! += h;
        hist[k + 2]! += 1;
      }
    }
  } else {
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const g = gradient[r]!;
      const p = r * f;
      for (let j = 0, o = 0; j < f; j++, o += step) {
        const k = o + bins[p + j]! * SLOTS;
        hist[k]! += g;
        hist[k + 2]! += 1;
      }
    }
  }
}

/** out = parent − child: the sibling's histogram without a pass over its rows. */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i]! - child[i]!;
}
