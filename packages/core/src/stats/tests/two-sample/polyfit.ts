/**
 * Least-squares quadratic c2·x² + c1·x + c0 through the points, as `numpy.polyfit(x, y, 2)`:
 * columns of the Vandermonde matrix scaled to unit norm, then solved by Householder QR (numpy
 * uses an SVD; both are backward stable, so the coefficients agree to rounding).
 * Returns [c2, c1, c0], highest power first as numpy.
 */
export function polyfit2(x: readonly number[], y: readonly number[]): [number, number, number] {
  const rows = x.length;
  const cols = 3;
  const a = new Float64Array(rows * cols);
  const scale = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const xi = x[i]!;
    a[i * cols] = xi * xi;
    a[i * cols + 1] = xi;
    a[i * cols + 2] = 1;
  }
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[i * cols + j]! ** 2;
    scale[j] = Math.sqrt(s);
    for (let i = 0; i < rows; i++) a[i * cols + j]! /= scale[j]!;
  }
  const b = Float64Array.from(y);
  for (let j = 0; j < cols; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += a[i * cols + j]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[j * cols + j]! > 0 ? -norm : norm;
    // Householder vector v = column - alpha e_j, applied to the remaining columns and to b.
    const v = new Float64Array(rows);
    for (let i = j; i < rows; i++) v[i] = a[i * cols + j]!;
    v[j]! -= alpha;
    let vv = 0;
    for (let i = j; i < rows; i++) vv += v[i]! ** 2;
    if (vv === 0) continue;
    for (let c = j; c < cols; c++) {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += v[i]! * a[i * cols + c]!;
      const f = (2 * dot) / vv;
      for (let i = j; i < rows; i++) a[i * cols + c]! -= f * v[i]!;
    }
    let dot = 0;
    for (let i = j; i < rows; i++) dot += v[i]! * b[i]!;
    const f = (2 * dot) / vv;
    for (let i = j; i < rows; i++) b[i]! -= f * v[i]!;
  }
  const coef = new Float64Array(cols);
  for (let j = cols - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let c = j + 1; c < cols; c++) s -= a[j * cols + c]! * coef[c]!;
    coef[j] = s / a[j * cols + j]!;
  }
  return [coef[0]! / scale[0]!, coef[1]! / scale[1]!, coef[2]! / scale[2]!];
}
