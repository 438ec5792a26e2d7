/**
 * Per-node histograms: for each feature and bin, the sum of gradients, the sum of hessians and the
 * row count, interleaved ([g, h, n] per bin, `stride` bins per feature) so one bin's update stays
 * in one cache line. Bins are row-major, so a row's features are read together however scattered
 * the node's rows are.
 */
export const SLOTS = 3;

/**
 * Sums rows idx[start..end) into `hist` for features [from, to) (that part zeroed here; by default
 * every feature). `hessian` null means every hessian is the same (squared error): the hessian
 * slots stay 0 and the split finder uses the counts. Each cell adds its rows in row order.
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
  from = 0,
  to = nFeatures,
): void {
  const f = nFeatures;
  const step = stride * SLOTS;
  hist.fill(0, from * step, to * step);
  const o0 = from * step;
  if (hessian) {
    let i = start;
    // Four rows at a time: independent updates the processor overlaps (about 25% faster).
    for (; i + 4 <= end; i += 4) {
      const r0 = idx[i]!;
      const r1 = idx[i + 1]!;
      const r2 = idx[i + 2]!;
      const r3 = idx[i + 3]!;
      const g0 = gradient[r0]!;
      const g1 = gradient[r1]!;
      const g2 = gradient[r2]!;
      const g3 = gradient[r3]!;
      const h0 = hessian[r0]!;
      const h1 = hessian[r1]!;
      const h2 = hessian[r2]!;
      const h3 = hessian[r3]!;
      const p0 = r0 * f;
      const p1 = r1 * f;
      const p2 = r2 * f;
      const p3 = r3 * f;
      for (let j = from, o = o0; j < to; j++, o += step) {
        const k0 = o + bins[p0 + j]! * SLOTS;
        hist[k0]! += g0;
        hist[k0 + 1]! += h0;
        hist[k0 + 2]! += 1;
        const k1 = o + bins[p1 + j]! * SLOTS;
        hist[k1]! += g1;
        hist[k1 + 1]! += h1;
        hist[k1 + 2]! += 1;
        const k2 = o + bins[p2 + j]! * SLOTS;
        hist[k2]! += g2;
        hist[k2 + 1]! += h2;
        hist[k2 + 2]! += 1;
        const k3 = o + bins[p3 + j]! * SLOTS;
        hist[k3]! += g3;
        hist[k3 + 1]! += h3;
        hist[k3 + 2]! += 1;
      }
    }
    for (; i < end; i++) {
      const r = idx[i]!;
      const g = gradient[r]!;
      const h = hessian[r]!;
      const p = r * f;
      for (let j = from, o = o0; j < to; j++, o += step) {
        const k = o + bins[p + j]! * SLOTS;
        hist[k]! += g;
        hist[k + 1]! += h;
        hist[k + 2]! += 1;
      }
    }
  } else {
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const r0 = idx[i]!;
      const r1 = idx[i + 1]!;
      const r2 = idx[i + 2]!;
      const r3 = idx[i + 3]!;
      const g0 = gradient[r0]!;
      const g1 = gradient[r1]!;
      const g2 = gradient[r2]!;
      const g3 = gradient[r3]!;
      const p0 = r0 * f;
      const p1 = r1 * f;
      const p2 = r2 * f;
      const p3 = r3 * f;
      for (let j = from, o = o0; j < to; j++, o += step) {
        const k0 = o + bins[p0 + j]! * SLOTS;
        hist[k0]! += g0;
        hist[k0 + 2]! += 1;
        const k1 = o + bins[p1 + j]! * SLOTS;
        hist[k1]! += g1;
        hist[k1 + 2]! += 1;
        const k2 = o + bins[p2 + j]! * SLOTS;
        hist[k2]! += g2;
        hist[k2 + 2]! += 1;
        const k3 = o + bins[p3 + j]! * SLOTS;
        hist[k3]! += g3;
        hist[k3 + 2]! += 1;
      }
    }
    for (; i < end; i++) {
      const r = idx[i]!;
      const g = gradient[r]!;
      const p = r * f;
      for (let j = from, o = o0; j < to; j++, o += step) {
        const k = o + bins[p + j]! * SLOTS;
        hist[k]! += g;
        hist[k + 2]! += 1;
      }
    }
  }
}

/**
 * Sums the gradients of rows idx[start..end) of features [from, to) into `hist` (zeroed there) and
 * their hessians into the hessian slots, leaving the counts at 0: for a node whose counts are known.
 */
export function buildHistogramWithoutCounts(
  hist: Float64Array,
  bins: Uint8Array,
  nFeatures: number,
  stride: number,
  idx: Uint32Array,
  start: number,
  end: number,
  gradient: Float32Array,
  hessian: Float32Array,
  from: number,
  to: number,
): void {
  const step = stride * SLOTS;
  hist.fill(0, from * step, to * step);
  const f = nFeatures;
  const o0 = from * step;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const r0 = idx[i]!;
    const r1 = idx[i + 1]!;
    const r2 = idx[i + 2]!;
    const r3 = idx[i + 3]!;
    const g0 = gradient[r0]!;
    const g1 = gradient[r1]!;
    const g2 = gradient[r2]!;
    const g3 = gradient[r3]!;
    const h0 = hessian[r0]!;
    const h1 = hessian[r1]!;
    const h2 = hessian[r2]!;
    const h3 = hessian[r3]!;
    const p0 = r0 * f;
    const p1 = r1 * f;
    const p2 = r2 * f;
    const p3 = r3 * f;
    for (let j = from, o = o0; j < to; j++, o += step) {
      const k0 = o + bins[p0 + j]! * SLOTS;
      hist[k0]! += g0;
      hist[k0 + 1]! += h0;
      const k1 = o + bins[p1 + j]! * SLOTS;
      hist[k1]! += g1;
      hist[k1 + 1]! += h1;
      const k2 = o + bins[p2 + j]! * SLOTS;
      hist[k2]! += g2;
      hist[k2 + 1]! += h2;
      const k3 = o + bins[p3 + j]! * SLOTS;
      hist[k3]! += g3;
      hist[k3 + 1]! += h3;
    }
  }
  for (; i < end; i++) {
    const r = idx[i]!;
    const g = gradient[r]!;
    const h = hessian[r]!;
    const p = r * f;
    for (let j = from, o = o0; j < to; j++, o += step) {
      const k = o + bins[p + j]! * SLOTS;
      hist[k]! += g;
      hist[k + 1]! += h;
    }
  }
}

/** out = parent − child: the sibling's histogram without a pass over its rows. */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i]! - child[i]!;
}
