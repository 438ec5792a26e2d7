import { sortFloat64 } from '../../descriptive/index.js';
import { applyNanPolicy, type NanPolicy, type Sample, type TestResult } from '../../input.js';
import { swilk } from './swilk.js';

/**
 * Shapiro-Wilk test of normality, as `scipy.stats.shapiro`: W and its p-value by Royston's
 * algorithm AS R94 (the approximations scipy uses, ported exactly; see swilk.ts). The data are
 * sorted and shifted by the value at position ⌊n/2⌋ of the input, as scipy does, before W is
 * computed. Fewer than 3 values give NaN (scipy warns); data whose range is below 1e-19 give
 * { statistic: 1, pvalue: 1 } (scipy warns that the result may be inaccurate); above n = 5000
 * the p-value approximation was not validated, but scipy computes it and so does this.
 * NaN: nanPolicy ('propagate' by default).
 *
 * @example shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0]); // { statistic: 0.9644133451535729, pvalue: 0.8509326283658826 }
 */
export function shapiro(a: Sample, options: { nanPolicy?: NanPolicy } = {}): TestResult {
  const x = applyNanPolicy(a, options.nanPolicy ?? 'propagate', 'shapiro');
  if (x === null || x.length < 3) return { statistic: Number.NaN, pvalue: Number.NaN };
  const n = x.length;
  const y = sortFloat64(x);
  // Centring near the median keeps W accurate for data far from 0 (scipy gh-15777).
  const shift = x[Math.floor(n / 2)]!;
  for (let i = 0; i < n; i++) y[i] = y[i]! - shift;
  const { w, pw } = swilk(y);
  return { statistic: w, pvalue: pw };
}
