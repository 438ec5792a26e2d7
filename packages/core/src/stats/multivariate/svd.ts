import { applyQ, householderQr, norm2 } from './qr.js';

export interface RightSvd {
  /** Singular values, descending; min(m, n) of them. */
  s: Float64Array;
  /** Right singular vectors, column-major n × k: vector t occupies [t·n, (t + 1)·n). */
  v: Float64Array;
}

/**
 * Singular values and right singular vectors of a column-major m × n matrix (destroyed).
 * Householder QR first, then one-sided (Hestenes) Jacobi on the small triangular factor: the
 * Jacobi rotations orthogonalize the columns of R, which gives singular values to high relative
 * accuracy, and QR keeps the tall n-row work to a single pass. When m < n the same is done on
 * Aᵀ, whose left singular vectors Q·W are A's right ones; vectors of zero singular values are
 * completed to an orthonormal set (they are arbitrary, as in LAPACK).
 */
export function rightSvd(a: Float64Array, m: number, n: number): RightSvd {
  // Scale by a power of two (exact) so that squares neither overflow nor underflow.
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]!));
  const exponent = maxAbs > 0 ? -Math.ceil(Math.log2(maxAbs)) : 0;
  if (exponent !== 0) scaleByPowerOfTwo(a, exponent);
  const result = rightSvdScaled(a, m, n);
  if (exponent !== 0) scaleByPowerOfTwo(result.s, -exponent);
  return result;
}

/** x·2^e in place; in two steps, because 2^e alone overflows for subnormal inputs (e up to 1074). */
function scaleByPowerOfTwo(x: Float64Array, e: number): void {
  const half = Math.trunc(e / 2);
  const f1 = 2 ** half;
  const f2 = 2 ** (e - half);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * f1 * f2;
}

function rightSvdScaled(a: Float64Array, m: number, n: number): RightSvd {
  if (m >= n) {
    householderQr(a, m, n, -1);
    const r = upperTriangle(a, m, n);
    const v = identity(n);
    const s = oneSidedJacobi(r, n, v);
    return sortDescending(s, v, n);
  }
  // B = Aᵀ is n × m with m < n.
  const b = new Float64Array(n * m);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) b[i * n + j] = a[j * m + i]!;
  const qr = householderQr(b, n, m, -1);
  const r = upperTriangle(b, n, m);
  const w = identity(m);
  const s = oneSidedJacobi(r, m, w);
  // R·W = U·Σ with U's columns in r; A's right singular vectors are Q·U.
  const v = new Float64Array(n * m);
  const x = new Float64Array(n);
  const big = Math.max(...s);
  const useful: number[] = [];
  for (let t = 0; t < m; t++) {
    if (!(s[t]! > big * 1e-15 * m)) continue;
    x.fill(0);
    for (let i = 0; i < m; i++) x[i] = r[t * m + i]! / s[t]!;
    applyQ(b, n, qr, x);
    v.set(x, t * n);
    useful.push(t);
  }
  completeBasis(v, n, m, useful);
  return sortDescending(s, v, n);
}

function upperTriangle(a: Float64Array, m: number, n: number): Float64Array {
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[j * n + i] = a[j * m + i]!;
  return r;
}

function identity(n: number): Float64Array {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  return v;
}

/**
 * Rotates pairs of columns of the k × k column-major `g` until all are mutually orthogonal
 * (|g_iᵀ g_j| ≤ eps·‖g_i‖‖g_j‖), accumulating the rotations in `v`. Returns the column norms.
 */
function oneSidedJacobi(g: Float64Array, k: number, v: Float64Array): Float64Array {
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const cp = p * k;
        const cq = q * k;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < k; i++) {
          const x = g[cp + i]!;
          const y = g[cq + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(g, cp, cq, k, c, s);
        rotate(v, cp, cq, k, c, s);
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(k);
  for (let j = 0; j < k; j++) sigma[j] = norm2(g, j * k, (j + 1) * k);
  return sigma;
}

function rotate(a: Float64Array, cp: number, cq: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const x = a[cp + i]!;
    const y = a[cq + i]!;
    a[cp + i] = c * x - s * y;
    a[cq + i] = s * x + c * y;
  }
}

/** Sorts singular values descending and permutes the length-`n` vectors in `v` alike. */
function sortDescending(s: Float64Array, v: Float64Array, n: number): RightSvd {
  const k = s.length;
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => s[j]! - s[i]! || i - j);
  const sOut = new Float64Array(k);
  const vOut = new Float64Array(n * k);
  order.forEach((from, to) => {
    sOut[to] = s[from]!;
    vOut.set(v.subarray(from * n, (from + 1) * n), to * n);
  });
  return { s: sOut, v: vOut };
}

/** Fills the vectors not listed in `useful` with unit vectors orthogonal to all others (Gram-Schmidt). */
function completeBasis(v: Float64Array, n: number, k: number, useful: number[]): void {
  const done = [...useful];
  let candidate = 0;
  for (let t = 0; t < k; t++) {
    if (useful.includes(t)) continue;
    for (; candidate < n; candidate++) {
      const x = new Float64Array(n);
      x[candidate] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const d of done) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += v[d * n + i]! * x[i]!;
          for (let i = 0; i < n; i++) x[i]! -= dot * v[d * n + i]!;
        }
      }
      const norm = norm2(x, 0, n);
      if (norm > 0.5) {
        for (let i = 0; i < n; i++) v[t * n + i] = x[i]! / norm;
        done.push(t);
        candidate++;
        break;
      }
    }
  }
}
