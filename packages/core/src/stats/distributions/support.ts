/**
 * scipy.stats' rv_continuous conventions, applied to standardized values: what each method
 * returns outside the open support (lower, upper), at the ends of [0, 1] for quantiles, and
 * NaN for invalid parameters or NaN input. Each kernel then only handles the interior.
 */

const NAN = Number.NaN;

/** cdf: 0 at or below the support, 1 at or above it. */
export function cdfOutside(x: number, lower: number, upper: number): number | null {
  if (Number.isNaN(x)) return NAN;
  if (x <= lower) return 0;
  if (x >= upper) return 1;
  return null;
}

/** sf: 1 at or below the support, 0 at or above it. */
export function sfOutside(x: number, lower: number, upper: number): number | null {
  if (Number.isNaN(x)) return NAN;
  if (x <= lower) return 1;
  if (x >= upper) return 0;
  return null;
}

/** pdf: 0 outside the closed support. */
export function pdfOutside(x: number, lower: number, upper: number): number | null {
  if (Number.isNaN(x)) return NAN;
  if (x < lower || x > upper) return 0;
  return null;
}

/** ppf: the support's ends at q = 0 and q = 1, NaN outside [0, 1]. */
export function ppfOutside(q: number, lower: number, upper: number): number | null {
  if (!(q >= 0 && q <= 1)) return NAN;
  if (q === 0) return lower;
  if (q === 1) return upper;
  return null;
}

/** isf: the support's ends at q = 1 and q = 0, NaN outside [0, 1]. */
export function isfOutside(q: number, lower: number, upper: number): number | null {
  if (!(q >= 0 && q <= 1)) return NAN;
  if (q === 0) return upper;
  if (q === 1) return lower;
  return null;
}

/** True for a positive shape parameter (scipy's default argcheck); +Infinity passes, as in scipy. */
export function positive(v: number): boolean {
  return v > 0;
}
