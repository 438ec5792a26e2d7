import { VigieError } from '../../../errors/index.js';
import type { Random } from '../../../random/index.js';
import type { Matrix } from '../../../stats/index.js';
import { float32SafeThreshold } from '../../trees/float32-threshold.js';

/** Rows sampled to find the quantile thresholds, as scikit-learn's `_BinMapper(subsample=2e5)`. */
export const BINNING_SAMPLE = 200_000;
/** Sampled values gathered at once (32 MB). */
const SAMPLE_BLOCK_VALUES = 4_000_000;

/**
 * How feature values become bins 0..maxBins−1; the bin `maxBins` holds missing values.
 * Numeric: value x goes to the first bin b with x ≤ thresholds[b] (the last bin when none).
 * Categorical: the known codes, ascending, are bins 0, 1, …; an unknown code is missing.
 */
export interface BinMapper {
  readonly nFeatures: number;
  /** Also the index of the missing-values bin. */
  readonly maxBins: number;
  readonly thresholds: ReadonlyArray<Float64Array | null>;
  readonly knownCodes: ReadonlyArray<Int32Array | null>;
  /** Bins used by non-missing values, per feature. */
  readonly nBinsNonMissing: Int32Array;
}

/** Thresholds of a numeric feature, as scikit-learn's `_find_binning_thresholds`. */
function numericThresholds(values: Float64Array, maxBins: number): Float64Array {
  values.sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]!);
  if (distinct.length <= 1) return new Float64Array(0);
  let raw: number[];
  if (distinct.length <= maxBins) {
    raw = distinct.slice(1).map((b, i) => (distinct[i]! + b) / 2);
  } else {
    // numpy.percentile(method='averaged_inverted_cdf'), step for step so ties land alike.
    const n = values.length;
    const step = 100 / maxBins;
    raw = [];
    for (let k = 1; k < maxBins; k++) {
      const v = n * ((k * step) / 100) - 1;
      const lo = Math.floor(v);
      const gamma = v - lo === 0 ? 0.5 : 1;
      const a = values[Math.min(Math.max(lo, 0), n - 1)]!;
      const b = values[Math.min(Math.max(lo + 1, 0), n - 1)]!;
      raw.push(b - (b - a) * (1 - gamma));
    }
    raw = raw.filter((t, i) => i === 0 || t !== raw[i - 1]);
  }
  // Between the largest value ≤ t and the smallest above it, a float32-safe threshold.
  const out = new Float64Array(raw.length);
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = Math.min(raw[i]!, 1e300);
    while (j + 1 < distinct.length && distinct[j + 1]! <= t) j++;
    out[i] = j + 1 < distinct.length ? float32SafeThreshold(t, distinct[j]!, distinct[j + 1]!) : t;
  }
  return out;
}

/**
 * Fits the bins on the training rows `rows` of x (numeric thresholds from at most 200,000 of them,
 * drawn with `rng`; categorical codes from all). `categories[j]` > 0 marks a categorical feature.
 */
export function fitBinMapper(
  x: Matrix,
  rows: Uint32Array,
  categories: readonly number[],
  maxBins: number,
  rng: Random,
): BinMapper {
  const { cols: f, data } = x;
  let sample = rows;
  if (rows.length > BINNING_SAMPLE) {
    sample = new Uint32Array(BINNING_SAMPLE);
    // Selection sampling (Knuth's algorithm S): a uniform subset, in row order.
    let chosen = 0;
    for (let i = 0; i < rows.length && chosen < BINNING_SAMPLE; i++)
      if ((rows.length - i) * rng.float() < BINNING_SAMPLE - chosen) sample[chosen++] = rows[i]!;
  }
  const thresholds: Array<Float64Array | null> = [];
  const knownCodes: Array<Int32Array | null> = [];
  const nBinsNonMissing = new Int32Array(f);
  const buffer = new Float64Array(sample.length);
  // The sampled values gathered a block of features at a time in one pass over the sample's rows
  // (row-major x: a row's values are read together, where one feature's are scattered).
  const ns = sample.length;
  const block = Math.max(1, Math.min(f, Math.floor(SAMPLE_BLOCK_VALUES / Math.max(1, ns))));
  const sampled = new Float64Array(ns * block);
  for (let j = 0; j < f; j++) {
    const slot = j % block;
    if (slot === 0)
      for (let q = 0; q < ns; q++) {
        const p = sample[q]! * f + j;
        for (let b = 0, end = Math.min(block, f - j); b < end; b++) sampled[b * ns + q] = data[p + b]!;
      }
    if ((categories[j] ?? 0) > 0) {
      const seen = new Set<number>();
      for (const r of rows) {
        const v = data[r * f + j]!;
        if (Number.isNaN(v)) continue;
        if (!Number.isInteger(v) || v < 0 || v >= categories[j]!)
          throw new VigieError(
            'INVALID_ARGUMENT',
            `gradient boosting: feature ${j + 1} is categorical but row ${r + 1} holds ${v}, not a code 0..${categories[j]! - 1}`,
            { details: { feature: j, row: r + 1 } },
          );
        seen.add(v);
      }
      if (seen.size > maxBins)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `gradient boosting: categorical feature ${j + 1} has ${seen.size} categories, more than maxBins (${maxBins})`,
          { details: { feature: j } },
        );
      const codes = Int32Array.from(seen).sort();
      thresholds.push(null);
      knownCodes.push(codes);
      nBinsNonMissing[j] = codes.length;
      continue;
    }
    let m = 0;
    for (let q = slot * ns, end = q + ns; q < end; q++) {
      const v = sampled[q]!;
      if (!Number.isNaN(v)) buffer[m++] = v;
    }
    const t = m === 0 ? new Float64Array(0) : numericThresholds(buffer.slice(0, m), maxBins);
    thresholds.push(t);
    knownCodes.push(null);
    nBinsNonMissing[j] = m === 0 ? 0 : t.length + 1;
  }
  return { nFeatures: f, maxBins, thresholds, knownCodes, nBinsNonMissing };
}

/** Rows binned together, feature by feature: their values stay in cache across the features. */
const BLOCK_ROWS = 2048;
/** Cells of the grid that gives a numeric bin search its starting point. */
const GRID = 1024;

/**
 * Bins of rows `rows` of x, row-major (rows.length × features), one byte each; written into `into`
 * when given. A numeric value's bin is the first b with value ≤ thresholds[b]: found by walking
 * from a guess read off an even grid over the thresholds' range (one or two steps where a binary
 * search takes eight unpredictable branches), so the result is exact whatever the guess.
 */
export function binRows(
  mapper: BinMapper,
  x: Matrix,
  rows: Uint32Array | null,
  into?: Uint8Array,
): Uint8Array {
  const { cols: f, data } = x;
  const n = rows ? rows.length : x.rows;
  const out = into ?? new Uint8Array(n * f);
  const missing = mapper.maxBins;
  const binners = mapper.thresholds.map((t, j) =>
    t ? numericBinner(t, missing) : categoricalBinner(mapper.knownCodes[j]!, missing),
  );
  for (let b0 = 0; b0 < n; b0 += BLOCK_ROWS) {
    const b1 = Math.min(n, b0 + BLOCK_ROWS);
    for (let j = 0; j < f; j++) binners[j]!(data, f, j, rows, b0, b1, out);
  }
  return out;
}

/** Writes out[i·f + j] for rows i in [start, end) (x's row rows[i], or i). */
type Binner = (
  data: Float64Array,
  f: number,
  j: number,
  rows: Uint32Array | null,
  start: number,
  end: number,
  out: Uint8Array,
) => void;

function numericBinner(t: Float64Array, missing: number): Binner {
  const nt = t.length;
  if (nt === 0)
    return (data, f, j, rows, start, end, out) => {
      for (let i = start; i < end; i++) {
        const v = data[(rows ? rows[i]! : i) * f + j]!;
        out[i * f + j] = v === v ? 0 : missing;
      }
    };
  const lo = t[0]!;
  const hi = t[nt - 1]!;
  const scale = GRID / (hi - lo);
  // guess[c]: the first threshold at or above the cell's lower edge (only a starting point).
  const guess = new Int32Array(GRID);
  for (let c = 0, b = 1; c < GRID; c++) {
    const edge = lo + c / scale;
    while (b < nt - 1 && t[b]! < edge) b++;
    guess[c] = b;
  }
  return (data, f, j, rows, start, end, out) => {
    for (let i = start; i < end; i++) {
      const v = data[(rows ? rows[i]! : i) * f + j]!;
      let bin: number;
      if (v !== v) bin = missing;
      else if (v <= lo) bin = 0;
      else if (v > hi) bin = nt;
      else {
        // lo < v ≤ hi: the answer is in 1..nt−1, and both walks stop there.
        let c = ((v - lo) * scale) | 0;
        if (c < 0 || c >= GRID) c = GRID - 1;
        let b = guess[c]!;
        while (v <= t[b - 1]!) b--;
        while (v > t[b]!) b++;
        bin = b;
      }
      out[i * f + j] = bin;
    }
  };
}

function categoricalBinner(codes: Int32Array, missing: number): Binner {
  const index = new Map<number, number>();
  codes.forEach((c, b) => {
    index.set(c, b);
  });
  return (data, f, j, rows, start, end, out) => {
    for (let i = start; i < end; i++)
      out[i * f + j] = index.get(data[(rows ? rows[i]! : i) * f + j]!) ?? missing;
  };
}
