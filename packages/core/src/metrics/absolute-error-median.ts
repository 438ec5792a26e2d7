import { medianInPlace, select } from '../stats/index.js';

/** Below this many rows the errors are simply materialized and selected. */
const STREAMING_MIN_ROWS = 100_000;
const SAMPLE_SIZE = 20_000;
/** Pivots sit this many binomial standard deviations of the sample rank away from the median's. */
const MARGIN_SD = 4;

/**
 * The median of |ŷ − y| (numpy's: the mean of the two middle values for even n) and the sum of
 * the errors (non-finite exactly when an input is), without storing n errors: Floyd & Rivest's
 * sampling idea in one streaming pass. A strided sample of 20,000 errors gives two pivots that
 * bracket the middle ranks with a wide margin; one pass counts the errors below the low pivot and
 * gathers those between the pivots (a few percent of the rows); an exact selection finishes among
 * them. When the bracket misses (ties, or a sample that does not represent the order of the rows),
 * the errors are materialized and selected in full, so the result is always exact.
 */
export function absoluteErrorMedian(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): { median: number; total: number } {
  const n = yTrue.length;
  if (n < STREAMING_MIN_ROWS) return fullSelection(yTrue, yPred);
  const stride = n / SAMPLE_SIZE;
  const sample = new Float64Array(SAMPLE_SIZE);
  for (let j = 0; j < SAMPLE_SIZE; j++) {
    const i = Math.floor(j * stride);
    sample[j] = Math.abs(yPred[i]! - yTrue[i]!);
  }
  sample.sort();
  const hiRank = n >> 1;
  const loRank = n % 2 === 1 ? hiRank : hiRank - 1;
  const margin = MARGIN_SD * Math.sqrt(SAMPLE_SIZE * 0.25);
  const at = (r: number) => sample[Math.min(SAMPLE_SIZE - 1, Math.max(0, Math.round(r)))]!;
  const lowPivot = at((loRank / n) * SAMPLE_SIZE - margin);
  const highPivot = at((hiRank / n) * SAMPLE_SIZE + margin);
  // Sample values may be NaN (non-finite inputs): the total below then tells, and nothing else matters.
  const capacity = Math.ceil(n * ((4 * margin) / SAMPLE_SIZE)) + 1024;
  const middle = new Float64Array(capacity);
  let count = 0;
  let below = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(yPred[i]! - yTrue[i]!);
    total += e;
    if (e < lowPivot) below++;
    else if (e <= highPivot && count < capacity) middle[count++] = e;
  }
  if (!Number.isFinite(total)) return { median: Number.NaN, total };
  const inside = count < capacity && below <= loRank && hiRank < below + count;
  if (!inside) return fullSelection(yTrue, yPred);
  const gathered = middle.subarray(0, count);
  const a = select(gathered, loRank - below);
  const median = loRank === hiRank ? a : (a + select(gathered, hiRank - below)) / 2;
  return { median, total };
}

function fullSelection(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): { median: number; total: number } {
  const n = yTrue.length;
  const errors = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(yPred[i]! - yTrue[i]!);
    errors[i] = e;
    total += e;
  }
  return { median: Number.isFinite(total) ? medianInPlace(errors) : Number.NaN, total };
}
