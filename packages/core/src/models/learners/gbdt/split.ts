import { SLOTS } from './histogram.js';

/** What the split finder needs to know about the features, fixed for a fit. */
export interface SplitContext {
  nFeatures: number;
  /** Bins per feature in a histogram; the missing bin is `stride − 1`. */
  stride: number;
  nBinsNonMissing: Int32Array;
  hasMissing: Uint8Array;
  isCategorical: Uint8Array;
  /** Features in the order splits are tried: categorical ones first, as scikit-learn reorders its columns (ties go to the first). */
  order: Int32Array;
  minSamplesLeaf: number;
  l2: number;
  /** Squared error: every hessian is 1 and the histograms hold counts only. */
  constantHessian: boolean;
}

/** The best split of a node; gain −1 when there is none. */
export interface SplitInfo {
  gain: number;
  feature: number;
  /** Numeric: bins ≤ bin go left. */
  bin: number;
  missingLeft: boolean;
  /** Categorical: 1 for each bin (the missing one included) that goes left. */
  leftBins: Uint8Array | null;
  gradientLeft: number;
  hessianLeft: number;
  countLeft: number;
  gradientRight: number;
  hessianRight: number;
  countRight: number;
}

/** scikit-learn's `min_hessian_to_split`. */
const MIN_HESSIAN = 1e-3;
/** scikit-learn's smoothing and minimum support of a category (`MIN_CAT_SUPPORT`). */
const MIN_CAT_SUPPORT = 10;

/** −G / (H + λ), as scikit-learn's `compute_node_value` (shrinkage applied later). */
export function nodeValue(gradient: number, hessian: number, l2: number): number {
  return -gradient / (hessian + l2 + 1e-15);
}

function emptySplit(): SplitInfo {
  return {
    gain: -1,
    feature: -1,
    bin: 0,
    missingLeft: false,
    leftBins: null,
    gradientLeft: 0,
    hessianLeft: 0,
    countLeft: 0,
    gradientRight: 0,
    hessianRight: 0,
    countRight: 0,
  };
}

/**
 * The best split of a node over the allowed features (all when `allowed` is null), as
 * scikit-learn's `Splitter.find_node_split`: the gain is the loss reduction
 * `G·v − G_L·v_L − G_R·v_R` with v = −G/(H+λ) (the node's own value passed in, 0 at the root);
 * numeric features are scanned left to right with missing values going right, then right to left
 * with them going left; categorical ones by scikit-learn's sorted-categories scan. Ties keep the
 * first feature in `ctx.order` and the first bin. `allowed` is indexed by position in that order.
 */
export function findBestSplit(
  ctx: SplitContext,
  hist: Float64Array,
  count: number,
  gradient: number,
  hessian: number,
  value: number,
  allowed: Uint8Array | null,
): SplitInfo {
  const best = emptySplit();
  const current = gradient * value;
  for (let o = 0; o < ctx.nFeatures; o++) {
    if (allowed && !allowed[o]) continue;
    const j = ctx.order[o]!;
    const base = j * ctx.stride * SLOTS;
    if (ctx.isCategorical[j]) categoricalSplit(ctx, hist, base, j, count, gradient, hessian, current, best);
    else numericSplit(ctx, hist, base, j, count, gradient, hessian, current, best);
  }
  return best;
}

function gainOf(ctx: SplitContext, gl: number, hl: number, gr: number, hr: number, current: number): number {
  return current - gl * nodeValue(gl, hl, ctx.l2) - gr * nodeValue(gr, hr, ctx.l2);
}

function numericSplit(
  ctx: SplitContext,
  hist: Float64Array,
  base: number,
  j: number,
  count: number,
  gradient: number,
  hessian: number,
  current: number,
  best: SplitInfo,
): void {
  const nonMissing = ctx.nBinsNonMissing[j]!;
  const hasMissing = ctx.hasMissing[j]!;
  const hs = ctx.constantHessian ? 2 : 1;
  const minLeaf = ctx.minSamplesLeaf;
  let bestGain = -1;
  let bestBin = -1;
  let bestLeft = false;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  // Left to right: missing values (if any) go right; the last non-missing bin may go left only
  // when missing values remain on the right.
  let gl = 0;
  let hl = 0;
  let nl = 0;
  const end = nonMissing - 1 + hasMissing;
  for (let b = 0; b < end; b++) {
    const k = base + b * SLOTS;
    nl += hist[k + 2]!;
    hl += hist[k + hs]!;
    gl += hist[k]!;
    const nr = count - nl;
    const hr = hessian - hl;
    if (nl < minLeaf) continue;
    if (nr < minLeaf) break;
    if (hl < MIN_HESSIAN) continue;
    if (hr < MIN_HESSIAN) break;
    const gain = gainOf(ctx, gl, hl, gradient - gl, hr, current);
    if (gain > bestGain && gain > 0) {
      bestGain = gain;
      bestBin = b;
      bestG = gl;
      bestH = hl;
      bestN = nl;
    }
  }
  if (hasMissing) {
    // Right to left: missing values go left with the bins below the threshold.
    let gr = 0;
    let hr = 0;
    let nr = 0;
    for (let b = nonMissing - 2; b >= 0; b--) {
      const k = base + (b + 1) * SLOTS;
      nr += hist[k + 2]!;
      hr += hist[k + hs]!;
      gr += hist[k]!;
      const nl2 = count - nr;
      const hl2 = hessian - hr;
      if (nr < minLeaf) continue;
      if (nl2 < minLeaf) break;
      if (hr < MIN_HESSIAN) continue;
      if (hl2 < MIN_HESSIAN) break;
      const gain = gainOf(ctx, gradient - gr, hl2, gr, hr, current);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        bestBin = b;
        bestLeft = true;
        bestG = gradient - gr;
        bestH = hl2;
        bestN = nl2;
      }
    }
  }
  if (bestBin >= 0 && bestGain > best.gain) {
    best.gain = bestGain;
    best.feature = j;
    best.bin = bestBin;
    best.missingLeft = bestLeft;
    best.leftBins = null;
    setSides(best, gradient, hessian, count, bestG, bestH, bestN);
  }
}

function setSides(
  s: SplitInfo,
  gradient: number,
  hessian: number,
  count: number,
  gl: number,
  hl: number,
  nl: number,
): void {
  s.gradientLeft = gl;
  s.hessianLeft = hl;
  s.countLeft = nl;
  s.gradientRight = gradient - gl;
  s.hessianRight = hessian - hl;
  s.countRight = count - nl;
}

function categoricalSplit(
  ctx: SplitContext,
  hist: Float64Array,
  base: number,
  j: number,
  count: number,
  gradient: number,
  hessian: number,
  current: number,
  best: SplitInfo,
): void {
  const hs = ctx.constantHessian ? 2 : 1;
  const missingBin = ctx.stride - 1;
  // Categories with enough support (in hessian units scaled to rows), by smoothed G/H ratio.
  const support = count / hessian;
  const used: Array<{ bin: number; value: number }> = [];
  const consider = (b: number) => {
    const k = base + b * SLOTS;
    const h = hist[k + hs]!;
    if (h * support >= MIN_CAT_SUPPORT) used.push({ bin: b, value: hist[k]! / (h + MIN_CAT_SUPPORT) });
  };
  for (let b = 0; b < ctx.nBinsNonMissing[j]!; b++) consider(b);
  if (ctx.hasMissing[j]) consider(missingBin);
  if (used.length <= 1) return;
  // Stable for ties, where scikit-learn's qsort order is unspecified.
  used.sort((a, b) => a.value - b.value);
  const m = used.length;
  let bestGain = -1;
  let bestEnd = -1;
  let bestDir = 0;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  for (const dir of [1, -1]) {
    const middle = dir === 1 ? (m + 1) >> 1 : ((m + 1) >> 1) - 1;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let i = 0; i < middle; i++) {
      const sorted = dir === 1 ? i : m - 1 - i;
      const k = base + used[sorted]!.bin * SLOTS;
      nl += hist[k + 2]!;
      hl += hist[k + hs]!;
      gl += hist[k]!;
      const nr = count - nl;
      const hr = hessian - hl;
      if (nl < ctx.minSamplesLeaf || hl < MIN_HESSIAN) continue;
      if (nr < ctx.minSamplesLeaf || hr < MIN_HESSIAN) break;
      const gain = gainOf(ctx, gl, hl, gradient - gl, hr, current);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        bestEnd = sorted;
        bestDir = dir;
        bestG = gl;
        bestH = hl;
        bestN = nl;
      }
    }
  }
  if (bestEnd < 0 || !(bestGain > best.gain)) return;
  const leftBins = new Uint8Array(ctx.stride);
  if (bestDir === 1) for (let i = 0; i <= bestEnd; i++) leftBins[used[i]!.bin] = 1;
  else for (let i = m - 1; i >= bestEnd; i--) leftBins[used[i]!.bin] = 1;
  best.gain = bestGain;
  best.feature = j;
  best.bin = 0;
  best.leftBins = leftBins;
  best.missingLeft = ctx.hasMissing[j] ? leftBins[missingBin] === 1 : false;
  setSides(best, gradient, hessian, count, bestG, bestH, bestN);
}
