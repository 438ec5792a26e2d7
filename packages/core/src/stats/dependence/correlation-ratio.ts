import { VigieError } from '../../errors/index.js';
import { mean } from '../descriptive/index.js';
import type { Sample } from '../input.js';
import { factorize } from './labels.js';
import { isConstant } from './paired.js';

/**
 * Correlation ratio η of a numeric variable on a categorical one: √(SS_between / SS_total) with
 * SS_between = Σ_g n_g (ȳ_g - ȳ)² and SS_total = Σ (y - ȳ)², in [0, 1] (η² is the share of the
 * variance explained by the categories, the R² of a one-way ANOVA). Rows whose code is negative
 * (-1 = missing) or whose value is NaN are skipped. Deviations are taken from the grand mean
 * before grouping, so large offsets do not cancel. NaN when no row is left or the values are
 * constant.
 *
 * @example correlationRatio(Int32Array.of(0, 0, 1, 1), [1, 2, 5, 6]); // 0.9701425001453319
 */
export function correlationRatio(categories: Int32Array, values: Sample): number {
  if (categories.length !== values.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `correlationRatio: categories and values differ in length (${categories.length} and ${values.length})`,
    );
  }
  let kept = 0;
  for (let i = 0; i < categories.length; i++) if (categories[i]! >= 0 && values[i] === values[i]) kept++;
  const codes = new Int32Array(kept);
  const y = new Float64Array(kept);
  let w = 0;
  for (let i = 0; i < categories.length; i++) {
    const v = values[i]!;
    if (categories[i]! >= 0 && v === v) {
      codes[w] = categories[i]!;
      y[w++] = v;
    }
  }
  if (kept === 0 || isConstant(y)) return Number.NaN;
  const groups = factorize(codes, 'correlationRatio');
  // One group explains nothing; exactly 0 rather than the rounding noise of Σ(y - ȳ).
  if (groups.count === 1) return 0;
  const grand = mean(y);
  const sums = new Float64Array(groups.count);
  const counts = new Float64Array(groups.count);
  let total = 0;
  for (let i = 0; i < kept; i++) {
    const d = y[i]! - grand;
    const g = groups.codes[i]!;
    sums[g]! += d;
    counts[g]!++;
    total += d * d;
  }
  let between = 0;
  for (let g = 0; g < groups.count; g++) between += (sums[g]! * sums[g]!) / counts[g]!;
  return Math.min(1, Math.sqrt(between / total));
}
