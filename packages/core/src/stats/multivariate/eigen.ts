import { VigieError } from '../../errors/index.js';
import type { Matrix } from './matrix.js';

export interface EighResult {
  /** Eigenvalues in ascending order, as numpy.linalg.eigh. */
  eigenvalues: Float64Array;
  /** Unit eigenvectors as the columns of a cols × cols row-major matrix, in the eigenvalues' order. */
  eigenvectors: Matrix;
}

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method, as
 * numpy.linalg.eigh: only the lower triangle is read (UPLO='L'), eigenvalues come ascending.
 * Jacobi is slower than tridiagonalization + QL for large matrices but accurate to the last
 * digits for the small (≤ a few hundred) covariance and correlation matrices met here.
 * Eigenvectors are unique only up to sign: each is signed so that its largest-magnitude entry
 * is positive (first such entry on ties), the convention scikit-learn's svd_flip uses.
 *
 * @example eigh(matrixFromRows([[2, 1], [1, 2]])).eigenvalues // [1, 3] (to rounding)
 */
export function eigh(a: Matrix): EighResult {
  const n = a.rows;
  if (a.cols !== n || a.data.length !== n * n) {
    throw new VigieError('INVALID_ARGUMENT', `eigh: needs a square matrix, got ${a.rows} × ${a.cols}`);
  }
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a.data[i * n + j]!;
      if (!Number.isFinite(v))
        throw new VigieError('INVALID_ARGUMENT', `eigh: the matrix must be finite, found ${v}`);
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  jacobiSweeps(w, v, n);

  const values = Array.from({ length: n }, (_, i) => w[i * n + i]!);
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
  const eigenvalues = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    eigenvalues[to] = values[from]!;
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(v[i * n + from]!) > Math.abs(v[best * n + from]!)) best = i;
    const sign = v[best * n + from]! < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + to] = sign * v[i * n + from]!;
  });
  return { eigenvalues, eigenvectors: { data: vectors, rows: n, cols: n } };
}

/** Rotates the symmetric row-major `w` to diagonal form, accumulating rotations in the columns of `v`. */
function jacobiSweeps(w: Float64Array, v: Float64Array, n: number): void {
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += w[i * n + i]! * w[i * n + i]!;
      for (let j = i + 1; j < n; j++) off += w[i * n + j]! * w[i * n + j]!;
    }
    if (off === 0 || off <= 1e-36 * diag) return;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q]!;
        if (apq === 0) continue;
        const app = w[p * n + p]!;
        const aqq = w[q * n + q]!;
        // Skip rotations below rounding of both diagonal entries (Rutishauser's test).
        if (Math.abs(apq) * 1e18 < Math.abs(app) && Math.abs(apq) * 1e18 < Math.abs(aqq)) {
          w[p * n + q] = 0;
          w[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = w[k * n + p]!;
          const akq = w[k * n + q]!;
          w[k * n + p] = c * akp - s * akq;
          w[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = w[p * n + k]!;
          const aqk = w[q * n + k]!;
          w[p * n + k] = c * apk - s * aqk;
          w[q * n + k] = s * apk + c * aqk;
        }
        w[p * n + q] = 0;
        w[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}
