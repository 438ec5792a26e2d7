import { gammaln } from '../../special/index.js';
import { besselKScaled } from './bessel-k.js';

/**
 * CDF of the limiting (n → ∞) Cramér-von Mises distribution, as scipy's `_cdf_cvm_inf`
 * (Csörgő & Faraway 1996, eq. 1.2-1.3):
 * Σ_k Γ(k+1/2)/(Γ(k+1) π^{3/2} √x) · √(4k+1) · exp(-q) K_{1/4}(q), q = (4k+1)²/(16x),
 * adding terms until one is below 1e-7 in absolute value (that term included), exactly scipy's
 * stopping rule so that both truncate the series at the same place. Not accurate above x ≈ 4,
 * where the cdf is within 1e-7 of 1 (the same limitation as scipy).
 */
export function cdfCvmInf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = y ** 2 / (16 * x);
    // exp(-q) K(q) = exp(-2q) · (e^q K(q)), the scaled form keeps K finite for large q.
    const z = u * Math.sqrt(y) * Math.exp(-2 * q) * besselKScaled(0.25, q);
    total += z;
    if (!(Math.abs(z) >= 1e-7)) return total;
  }
}
