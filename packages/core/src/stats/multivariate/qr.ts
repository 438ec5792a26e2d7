/** What householderQr leaves besides the factors written into the buffer. */
export interface QrResult {
  /** Columns that received a pivot row, in order; basis[t] has its diagonal at row t. */
  basis: number[];
  /** Columns found to be combinations of earlier ones (only when skipTol ≥ 0). */
  deficient: number[];
  /** For each column, the number of pivot rows that existed when it was processed. */
  rankAt: Int32Array;
  tau: Float64Array;
}

/**
 * Householder QR of a column-major m × n buffer, in place, LAPACK style: for the t-th reflector
 * (pivot row t) the diagonal entry of R sits at a[col·m + t], the reflector's tail v[1:] below it
 * (v[0] = 1 implicit), and tau[t] its scale, H = I − tau v vᵀ.
 *
 * With `skipTol` ≥ 0 a column whose residual norm (after the previous reflections) is ≤ skipTol
 * gets no reflector: it is marked deficient and its top `rank` entries are its coordinates in
 * the basis built so far. With skipTol < 0 every column gets a pivot row (zero columns give a
 * zero on the diagonal), the usual QR used by the SVD.
 */
export function householderQr(a: Float64Array, m: number, n: number, skipTol: number): QrResult {
  const basis: number[] = [];
  const deficient: number[] = [];
  const rankAt = new Int32Array(n);
  const tau = new Float64Array(Math.min(m, n));
  let r = 0;
  for (let k = 0; k < n; k++) {
    rankAt[k] = r;
    const ck = k * m;
    const norm = r < m ? norm2(a, ck + r, ck + m) : 0;
    if (skipTol >= 0 && norm <= skipTol) {
      deficient.push(k);
      continue;
    }
    if (r >= m) continue;
    basis.push(k);
    const x0 = a[ck + r]!;
    if (norm === 0) {
      tau[r] = 0;
    } else {
      const beta = x0 >= 0 ? -norm : norm;
      tau[r] = (beta - x0) / beta;
      // Divide rather than multiply by the reciprocal: for subnormal columns 1 / (x0 − beta)
      // overflows, and 0 · Infinity would be NaN.
      const d = x0 - beta;
      for (let i = ck + r + 1; i < ck + m; i++) a[i]! /= d;
      a[ck + r] = beta;
      const t = tau[r]!;
      for (let j = k + 1; j < n; j++) {
        const cj = j * m;
        let w = a[cj + r]!;
        for (let i = r + 1; i < m; i++) w += a[ck + i]! * a[cj + i]!;
        w *= t;
        a[cj + r]! -= w;
        for (let i = r + 1; i < m; i++) a[cj + i]! -= w * a[ck + i]!;
      }
    }
    r++;
  }
  return { basis, deficient, rankAt, tau };
}

/** Q·x for the Q of a householderQr without skipping (reflector t lives in column basis[t]). */
export function applyQ(a: Float64Array, m: number, qr: QrResult, x: Float64Array): void {
  for (let t = qr.basis.length - 1; t >= 0; t--) {
    const tau = qr.tau[t]!;
    if (tau === 0) continue;
    const ck = qr.basis[t]! * m;
    let w = x[t]!;
    for (let i = t + 1; i < m; i++) w += a[ck + i]! * x[i]!;
    w *= tau;
    x[t]! -= w;
    for (let i = t + 1; i < m; i++) x[i]! -= w * a[ck + i]!;
  }
}

/** Euclidean norm of a[from:to], scaled so that huge or tiny values neither overflow nor underflow. */
export function norm2(a: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(a[i]!);
    if (v > scale) scale = v;
  }
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let ss = 0;
  for (let i = from; i < to; i++) {
    const v = a[i]! / scale;
    ss += v * v;
  }
  return scale * Math.sqrt(ss);
}
