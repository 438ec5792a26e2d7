/**
 * log(1 + d) - d without cancellation near d = 0. With s = d / (2 + d),
 * log(1 + d) = 2 atanh(s) = 2 (s + s^3/3 + ...), and 2s - d = -d^2 / (2 + d) exactly.
 */
export function log1pmx(d: number): number {
  if (Math.abs(d) > 0.5) return Math.log1p(d) - d;
  const s = d / (2 + d);
  const s2 = s * s;
  let power = s * s2;
  let sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const term = power / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    power *= s2;
  }
  return 2 * sum - (d * d) / (2 + d);
}

/**
 * The Stirling correction mu(a) = log Gamma(a) - (a - 1/2) log a + a - log sqrt(2 pi),
 * by its asymptotic series; accurate to ~1e-17 for a >= 10.
 */
export function stirlingCorrection(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 *
                (-1 / 1680 +
                  r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}
